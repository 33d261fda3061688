/**
 * When an element renders the next chunk of a long list: on the next animation frame or, with
 * `afterPaint`, in a task of its own just after that frame has been painted (a message posted from
 * its requestAnimationFrame), so that what is already there reaches the screen first; or after
 * 100 ms if frames are paused, as in a background tab. One chunk is pending at a time.
 */
export class NextChunk {
  private pending?: { frame: number; timer: ReturnType<typeof setTimeout> };
  private channel?: MessageChannel;

  constructor(
    private readonly run: () => void,
    private readonly afterPaint = false,
  ) {}

  schedule(): void {
    if (this.pending) return;
    let onFrame = this.fire;
    if (this.afterPaint) {
      if (!this.channel) {
        this.channel = new MessageChannel();
        this.channel.port1.onmessage = this.fire;
      }
      const channel = this.channel;
      onFrame = () => channel.port2.postMessage(null);
    }
    this.pending = { frame: requestAnimationFrame(onFrame), timer: setTimeout(this.fire, 100) };
  }

  cancel(): void {
    if (!this.pending) return;
    cancelAnimationFrame(this.pending.frame);
    clearTimeout(this.pending.timer);
    this.pending = undefined;
  }

  /** Cancels, and lets go of the message channel (the element has left the page; `schedule` makes another). */
  dispose(): void {
    this.cancel();
    this.channel?.port1.close();
    this.channel = undefined;
  }

  private readonly fire = (): void => {
    if (!this.pending) return;
    this.cancel();
    this.run();
  };
}
