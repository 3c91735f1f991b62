// Stubs shared by the reading-comfort tests (comfort*.test.mjs).

// A speechSynthesis that records what it is asked to say; its voices arrive
// a moment after the page loads, as in real browsers.
export function stubSpeech(langs) {
  const voices = langs.map((lang) => ({ lang, name: `stub ${lang}`, voiceURI: `stub-${lang}`, localService: true, default: false }));
  let ready = false;
  let current = null;
  const synth = new EventTarget();
  const tts = { spoken: [], cancels: 0 };
  synth.getVoices = () => (ready ? voices : []);
  synth.speak = (u) => {
    tts.spoken.push(u.text);
    current = u;
  };
  synth.cancel = () => {
    tts.cancels += 1;
    const u = current;
    current = null;
    if (u && u.onerror) u.onerror({ error: 'interrupted' });
  };
  synth.pause = () => {};
  synth.resume = () => {};
  tts.finish = () => {
    const u = current;
    current = null;
    if (u && u.onend) u.onend({});
  };
  tts.speaking = () => (current ? current.text : null);
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = class {
    constructor(text) {
      this.text = text;
      this.lang = '';
      this.voice = null;
    }
  };
  window.__tts = tts;
  setTimeout(() => {
    ready = true;
    synth.dispatchEvent(new Event('voiceschanged'));
  }, 300);
}
