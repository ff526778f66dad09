/**
 * A WebM recording of a canvas that is repainted on every animation frame: MediaRecorder on
 * canvas.captureStream(fps). The caller paints; this owns the loop, the encoder and the bytes.
 */
import { ExportError } from './composeFigure';

const WEBM_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

/** The WebM type this browser records, or why it cannot record. */
export function recordingSupport(): { readonly mimeType: string } | { readonly reason: string } {
  if (typeof MediaRecorder === 'undefined') return { reason: 'This browser cannot record video (no MediaRecorder).' };
  if (typeof HTMLCanvasElement.prototype.captureStream !== 'function') return { reason: 'This browser cannot record a canvas (no captureStream).' };
  const mimeType = WEBM_TYPES.find((t) => MediaRecorder.isTypeSupported(t));
  return mimeType ? { mimeType } : { reason: 'This browser cannot record WebM video (neither VP9 nor VP8).' };
}

export class CanvasRecording {
  readonly startedAt = performance.now();
  private readonly chunks: Blob[] = [];
  private readonly recorder: MediaRecorder;
  private readonly stream: MediaStream;
  private frame = 0;
  private failure: string | null = null;

  /**
   * Start at once: `paint` is called now and on every animation frame until stop(); a paint
   * that throws stops the painting (the recording keeps what it has). Throws ExportError when
   * the browser refuses to record the canvas.
   */
  constructor(canvas: HTMLCanvasElement, paint: () => void, mimeType: string, fps = 30) {
    try {
      paint();
      this.stream = canvas.captureStream(fps);
      this.recorder = new MediaRecorder(this.stream, { mimeType, videoBitsPerSecond: 4_000_000 });
    } catch (e) {
      throw new ExportError(`The browser refused to record the panels (${e instanceof Error ? e.message : String(e)}).`);
    }
    this.recorder.ondataavailable = (e) => {
      if (e.data.size > 0) this.chunks.push(e.data);
    };
    this.recorder.onerror = () => {
      this.failure = 'the video encoder stopped with an error';
    };
    const loop = () => {
      try {
        paint();
        this.frame = requestAnimationFrame(loop);
      } catch (e) {
        this.failure = e instanceof Error ? e.message : String(e);
      }
    };
    this.frame = requestAnimationFrame(loop);
    // Chunks every second, so a long recording is not one huge buffer at the end.
    this.recorder.start(1000);
  }

  /** Seconds since the start. */
  elapsed(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  /** Stop and hand back the video; rejects with an ExportError when nothing usable was recorded. */
  stop(): Promise<Blob> {
    cancelAnimationFrame(this.frame);
    return new Promise((resolve, reject) => {
      const finish = () => {
        this.stream.getTracks().forEach((t) => t.stop());
        const blob = new Blob(this.chunks, { type: 'video/webm' });
        if (blob.size > 0) resolve(blob);
        else reject(new ExportError(`Nothing was recorded${this.failure ? ` (${this.failure})` : ''}.`));
      };
      if (this.recorder.state === 'inactive') finish();
      else {
        this.recorder.onstop = finish;
        this.recorder.stop();
      }
    });
  }
}
