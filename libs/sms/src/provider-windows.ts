import { SendWindow } from '@loa/delivery';

/**
 * The window of each provider (an SMPP session, a Twilio account) in this process, shared by the batches of its
 * carrier that run at once (SMS_BATCHES_AT_ONCE): while one batch starts or drains, the other keeps the session's
 * window full, and together they never hold more rows claimed and not yet recorded than the window — so a killed
 * worker still leaves at most one window `unknown`. A carrier row whose window changed gets a new one (its size is
 * read with every batch); batches already running keep the old one until they end.
 */
export class ProviderWindows {
  private readonly windows = new WeakMap<object, SendWindow>();

  of(provider: object, size: number): SendWindow {
    const known = this.windows.get(provider);
    if (known && known.size === size) return known;
    const window = new SendWindow(size);
    this.windows.set(provider, window);
    return window;
  }
}
