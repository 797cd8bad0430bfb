// The hostile corpus: HTML/script payloads (each placed into several import formats), zip
// archives that try to escape or exhaust, malformed CSV, YAML/JSON and GIFT.

import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';

/** Every payload tries to set window.__pwned (checked after rendering with scripts on). */
export const HTML_PAYLOADS: readonly string[] = [
  '<script>window.__pwned=1</script>',
  '<SCRIPT SRC=data:text/javascript,window.__pwned=1></SCRIPT>',
  '<img src=x onerror="window.__pwned=1">',
  '<img src=x onerror=window.__pwned=1//',
  '<img src="x" ONERROR="window.__pwned=1">',
  '<svg onload="window.__pwned=1"></svg>',
  '<svg><script>window.__pwned=1</script></svg>',
  '<svg><animate onbegin="window.__pwned=1" attributeName="x" dur="1s"></animate></svg>',
  '<svg><a xlink:href="javascript:window.__pwned=1"><text x="0" y="10">click</text></a></svg>',
  '<svg><style><img src=x onerror="window.__pwned=1"></style></svg>',
  '<svg><foreignObject><img src=x onerror="window.__pwned=1"></foreignObject></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=1">',
  '<math href="javascript:window.__pwned=1">math</math>',
  '<math><maction actiontype="statusline" xlink:href="javascript:window.__pwned=1">x</maction></math>',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror="window.__pwned=1">',
  '<a href="javascript:window.__pwned=1">link</a>',
  '<a href="JaVaScRiPt:window.__pwned=1">link</a>',
  '<a href="&#106;avascript:window.__pwned=1">link</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;script:window.__pwned=1">link</a>',
  '<a href=" javascript:window.__pwned=1">link</a>',
  '<a href="java\tscript:window.__pwned=1">link</a>',
  '<a href="vbscript:msgbox(1)">link</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+">link</a>',
  '<iframe src="javascript:window.__pwned=1"></iframe>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<object data="javascript:window.__pwned=1"></object>',
  '<embed src="javascript:window.__pwned=1">',
  '<body onload="window.__pwned=1">body</body>',
  '<div onmouseover="window.__pwned=1">hover</div>',
  '<details open ontoggle="window.__pwned=1">d</details>',
  '<form action="javascript:window.__pwned=1"><button>go</button></form>',
  '<button formaction="javascript:window.__pwned=1">go</button>',
  '<input autofocus onfocus="window.__pwned=1">',
  '<select autofocus onfocus="window.__pwned=1"></select>',
  '<textarea autofocus onfocus="window.__pwned=1"></textarea>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">',
  '<base href="javascript:window.__pwned=1//">',
  '<link rel="stylesheet" href="javascript:window.__pwned=1">',
  '<style>@import "javascript:window.__pwned=1";</style>',
  '<div style="background:url(javascript:window.__pwned=1)">styled</div>',
  '<video><source onerror="window.__pwned=1"></video>',
  '<audio src=x onerror="window.__pwned=1"></audio>',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>">',
  '<template><script>window.__pwned=1</script></template>',
  '<scr<script>ipt>window.__pwned=1</scr</script>ipt>',
  '"><script>window.__pwned=1</script>',
  '<!--<img src="--><img src=x onerror="window.__pwned=1">',
  '<marquee onstart="window.__pwned=1">m</marquee>',
  '<x onclick="window.__pwned=1">custom</x>',
  '<img src="x:alert" onerror="eval(\'window.__pwned=1\')">',
  '<table background="javascript:window.__pwned=1"><tr><td>t</td></tr></table>',
  '<isindex action="javascript:window.__pwned=1" type="image">',
  '<img srcset="x 1x" onerror="window.__pwned=1">',
  '<a href="#" onclick="window.__pwned=1">anchor</a>',
  '<div id="x" data-x="1" onpointerenter="window.__pwned=1">data</div>',
];

export interface ZipCase {
  name: string;
  file: string;
  data: Uint8Array;
  message: RegExp;
}

/** A zip whose local header names an entry with `name` (fflate cannot write such names). */
function zipWithName(name: string): Uint8Array {
  return zipSync({ [name]: strToU8('evil') });
}

let built: { zeros: Uint8Array; plain: Uint8Array; streamed: Uint8Array } | null = null;

/** 4 MiB of zeros deflate to about 4 KiB: a 1000:1 ratio, built once. */
function bombs(): { zeros: Uint8Array; plain: Uint8Array; streamed: Uint8Array } {
  if (!built) {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    built = {
      zeros,
      plain: zipSync({ 'collection.anki2': [zeros, { level: 9 }] }),
      streamed: streamedZip('collection.anki2', zeros),
    };
  }
  return built;
}

export function zipCases(valid: Uint8Array): ZipCase[] {
  const cases: ZipCase[] = [
    {
      name: 'zip-slip with ../',
      file: 'slip.apkg',
      data: zipWithName('../../evil.sh'),
      message: /points outside the archive/,
    },
    {
      name: 'zip-slip in a subfolder',
      file: 'slip2.apkg',
      data: zipWithName('media/../../../etc/passwd'),
      message: /points outside the archive/,
    },
    {
      name: 'zip-slip with backslashes',
      file: 'slip3.apkg',
      data: zipWithName('..\\..\\evil.bat'),
      message: /points outside the archive/,
    },
    { name: 'absolute path', file: 'abs.apkg', data: zipWithName('/etc/passwd'), message: /absolute path/ },
    {
      name: 'windows drive path',
      file: 'drive.apkg',
      data: zipWithName('C:\\Windows\\evil.dll'),
      message: /absolute path/,
    },
    {
      name: 'zip bomb in the collection (compression ratio)',
      file: 'bomb.apkg',
      data: bombs().plain,
      message: /compressed more than 200:1/,
    },
    {
      name: 'zip bomb in a media entry (declared ratio)',
      file: 'bomb2.apkg',
      data: zipSync({ 'collection.anki2': valid, '0': [bombs().zeros, { level: 9 }] }),
      message: /compressed more than 200:1/,
    },
    {
      name: 'zip bomb streamed with unknown sizes (data descriptor)',
      file: 'bomb3.apkg',
      data: bombs().streamed,
      message: /compressed more than 200:1/,
    },
    {
      name: 'not a zip at all',
      file: 'text.apkg',
      data: strToU8('hello, I am not a zip'),
      message: /not a zip archive/,
    },
    { name: 'empty file', file: 'empty.apkg', data: new Uint8Array(0), message: /not a zip archive/ },
    {
      name: 'zip without a collection',
      file: 'media-only.apkg',
      data: zipSync({ media: strToU8('{}') }),
      message: /no Anki collection/,
    },
    {
      name: 'collection that is not SQLite',
      file: 'notsql.apkg',
      data: zipSync({ 'collection.anki2': strToU8('<html>nope</html>') }),
      message: /not an SQLite database/,
    },
    {
      name: 'random bytes after a zip signature',
      file: 'noise.apkg',
      data: noise(4096),
      message: /archive|zip|collection/,
    },
  ];
  for (const fraction of [0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.97, 0.995]) {
    cases.push({
      name: `archive truncated at ${fraction * 100}%`,
      file: `cut-${fraction}.apkg`,
      data: valid.subarray(0, Math.floor(valid.length * fraction)),
      message: /truncated|damaged|no Anki collection|not an SQLite/,
    });
  }
  return cases;
}

/** A zip written by fflate's streaming Zip: sizes follow the data, not in the local header. */
function streamedZip(name: string, content: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  const entry = new ZipDeflate(name, { level: 9 });
  zip.add(entry);
  entry.push(content, true);
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

function noise(n: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  out.set([0x50, 0x4b, 0x03, 0x04]);
  return out;
}

export interface TextCase {
  name: string;
  file: string;
  text: string;
}

export const MALFORMED_TEXT: readonly TextCase[] = [
  { name: 'CSV with an unterminated quote', file: 'a.csv', text: 'front,back\n"open,back\n' },
  { name: 'CSV with only header lines', file: 'b.csv', text: '#separator:Comma\n#html:true\n' },
  { name: 'CSV with a bad tags column number', file: 'c.csv', text: '#tags column:abc\na,b\n' },
  { name: 'CSV with an unknown separator name', file: 'd.csv', text: '#separator:Banana\na,b\n' },
  { name: 'CSV of binary garbage', file: 'e.csv', text: '\u0000\u0001\u0002\u0003,\u0004\n\u0005' },
  { name: 'CSV with lone carriage returns', file: 'f.csv', text: 'a,b\rc,d\r' },
  { name: 'CSV with one very long line', file: 'g.csv', text: `${'x'.repeat(200_000)},${'y'.repeat(10)}\n` },
  { name: 'CSV with NUL bytes in fields', file: 'h.csv', text: 'fr\u0000ont,ba\u0000ck\n' },
  { name: 'CSV that is empty', file: 'i.csv', text: '' },
  {
    name: 'CSV with 5000 columns',
    file: 'j.csv',
    text: `${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',')}\n`,
  },
  { name: 'CSV whose KCNA column is not JSON', file: 'k.csv', text: '#columns:Front,Back,KCNA\nq,a,{not json\n' },
  {
    name: 'CSV whose KCNA column is a hostile object',
    file: 'l.csv',
    text: '#columns:Front,Back,KCNA\nq,a,"{""kind"":""quiz"",""__proto__"":{""polluted"":1},""choices"":""x""}"\n',
  },
  { name: 'CSV with a header-like line in data', file: 'm.csv', text: 'a,b\n#html:true\nc,d\n' },
  { name: 'TSV with mismatched quotes', file: 'n.tsv', text: 'a\t"b\n"c"d"\te\n' },
  { name: 'YAML syntax error', file: 'o.yaml', text: 'id: x\ntitle: [unclosed\ncards: []\n' },
  {
    name: 'YAML billion laughs',
    file: 'p.yaml',
    text: `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`,
  },
  { name: 'JSON with wrong types', file: 'q.json', text: '{"id": 5, "title": [], "cards": "none"}' },
  {
    name: 'JSON with __proto__ keys',
    file: 'r.json',
    text: '{"__proto__": {"polluted": true}, "id": "x", "title": "t", "cards": []}',
  },
  { name: 'deeply nested JSON', file: 's.json', text: `${'['.repeat(5000)}${']'.repeat(5000)}` },
  { name: 'YAML that is a list', file: 't.yml', text: '- a\n- b\n' },
  { name: 'GIFT with an unclosed answer block', file: 'u.gift', text: '::q:: question {=a ~b\n' },
  { name: 'GIFT with an unclosed title', file: 'v.gift', text: '::q question {T}\n' },
  { name: 'GIFT with only comments', file: 'w.gift', text: '// nothing\n// here\n' },
  {
    name: 'GIFT with a hostile kcna comment',
    file: 'x.gift',
    text: '// kcna: {"card":{"kind":"quiz","__proto__":{"x":1}}}\n::q:: What? {=a ~b}\n',
  },
  {
    name: 'GIFT with numeric and matching only',
    file: 'y.gift',
    text: '::n:: 1+1? {#2}\n\n::m:: match {=a -> b =c -> d =e -> f}\n',
  },
  { name: 'unknown file type', file: 'deck.exe', text: 'MZ' },
];
