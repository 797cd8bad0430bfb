// The one place the UI reads the wall clock; domain code receives these values as arguments.
export const clock = {
  now: (): number => Date.now(),
  tzOffsetMinutes: (): number => -new Date().getTimezoneOffset(),
};
