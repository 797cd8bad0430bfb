// Service-worker registration with the prompt flow: a new version is announced and applied only
// when the learner chooses (never a reload in the middle of a review). Loaded after first paint.

export class PwaState {
  needRefresh = $state(false);
  offlineReady = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | null = null;

  async register(): Promise<void> {
    if (!('serviceWorker' in navigator)) return;
    const { registerSW } = await import('virtual:pwa-register');
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => {
        this.needRefresh = true;
      },
      onOfflineReady: () => {
        this.offlineReady = true;
      },
    });
  }

  async apply(): Promise<void> {
    this.needRefresh = false;
    await this.#update?.(true);
  }

  dismiss(): void {
    this.needRefresh = false;
    this.offlineReady = false;
  }
}
