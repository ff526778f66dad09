/**
 * Recordings of a canvas the caller repaints on every animation frame, in three forms:
 * - video through WebCodecs with mediabunny (MP4 with H.264 where the browser encodes it, else
 *   WebM with VP9 or VP8): frames carry their real timestamps, the file states its duration and
 *   has a seek index (MP4 moov at the front; WebM Cues), and a key frame every second so slide
 *   software can scrub it;
 * - a GIF for short loops (gifenc: 10 frames a second, at most 480 px wide and 20 s);
 * - where WebCodecs is missing, MediaRecorder's WebM (no duration or seek index: said so).
 * mediabunny is loaded only when a video recording starts.
 */
import { ExportError } from './composeFigure';

export type RecordingKind = 'video' | 'gif';

/** A finished recording: the file, its extension and what it holds. */
export interface RecordedFile {
  readonly blob: Blob;
  readonly extension: string;
  /** "MP4 (H.264)", "WebM (VP9)", "GIF". */
  readonly format: string;
  readonly seconds: number;
  readonly frames: number;
  /** Something the person should know about the file (no seek index, cut at the length limit), or null. */
  readonly note: string | null;
}

export interface Recording {
  readonly kind: RecordingKind;
  /** Seconds since the start. */
  elapsed(): number;
  /** Stop and hand back the file; rejects with an ExportError when nothing usable was recorded. */
  stop(): Promise<RecordedFile>;
}

const MEDIA_RECORDER_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

/** Which kinds this browser can record, or why not. */
export function recordingSupport(kind: RecordingKind): { readonly ok: true } | { readonly reason: string } {
  if (typeof HTMLCanvasElement === 'undefined') return { reason: 'No canvas to record.' };
  if (kind === 'gif') return { ok: true };
  if (typeof VideoEncoder !== 'undefined') return { ok: true };
  if (typeof MediaRecorder === 'undefined') return { reason: 'This browser cannot record video (neither WebCodecs nor MediaRecorder).' };
  if (typeof HTMLCanvasElement.prototype.captureStream !== 'function') return { reason: 'This browser cannot record a canvas (no captureStream).' };
  return MEDIA_RECORDER_TYPES.some((t) => MediaRecorder.isTypeSupported(t)) ? { ok: true } : { reason: 'This browser cannot record WebM video (neither VP9 nor VP8).' };
}

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Calls `tick(seconds since start)` on every animation frame until stopped; a tick that throws ends the loop. */
class FrameLoop {
  readonly startedAt = performance.now();
  failure: string | null = null;
  private handle = 0;
  private running = true;

  constructor(private readonly tick: (t: number) => void) {
    const loop = () => {
      if (!this.running) return;
      try {
        this.tick(this.elapsed());
        this.handle = requestAnimationFrame(loop);
      } catch (e) {
        this.failure = describe(e);
      }
    };
    this.handle = requestAnimationFrame(loop);
  }

  elapsed(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  stop(): void {
    this.running = false;
    cancelAnimationFrame(this.handle);
  }
}

/** Frames per second of a video recording and seconds between its key frames. */
export const VIDEO_FPS = 30;
const KEY_FRAME_SECONDS = 1;

/** Video through WebCodecs (see the top of the file). */
class WebCodecsRecording implements Recording {
  readonly kind = 'video' as const;
  private pending: Promise<void> = Promise.resolve();
  private busy = false;
  private frames = 0;
  private last = -Infinity;
  private loop: FrameLoop | null = null;
  private failure: string | null = null;

  private constructor(
    private readonly output: import('mediabunny').Output,
    private readonly target: import('mediabunny').BufferTarget,
    private readonly source: import('mediabunny').CanvasSource,
    readonly format: string,
    private readonly mimeType: string,
    readonly extension: string,
  ) {}

  static async start(canvas: HTMLCanvasElement, paint: () => void): Promise<WebCodecsRecording> {
    const mb = await import('mediabunny');
    const size = { width: canvas.width, height: canvas.height };
    const codec = await mb.getFirstEncodableVideoCodec(['avc', 'vp9', 'vp8'], size);
    if (!codec) throw new ExportError(`This browser cannot encode a ${size.width} x ${size.height} video (no H.264, VP9 or VP8 encoder).`);
    const mp4 = codec === 'avc';
    const format = mp4 ? new mb.Mp4OutputFormat({ fastStart: 'in-memory' }) : new mb.WebMOutputFormat();
    const target = new mb.BufferTarget();
    const output = new mb.Output({ format, target });
    const source = new mb.CanvasSource(canvas, { codec, bitrate: mb.QUALITY_HIGH, keyFrameInterval: KEY_FRAME_SECONDS });
    output.addVideoTrack(source, { frameRate: VIDEO_FPS });
    await output.start();
    const r = new WebCodecsRecording(output, target, source, mp4 ? 'MP4 (H.264)' : `WebM (${codec.toUpperCase()})`, format.mimeType, format.fileExtension.replace(/^\./, ''));
    paint();
    r.add(0);
    r.loop = new FrameLoop((t) => {
      paint();
      if (t - r.last >= 1 / VIDEO_FPS) r.add(t);
    });
    return r;
  }

  /** Encode the canvas as it is now at time t (seconds); skipped while the encoder is still busy (back-pressure). */
  private add(t: number): void {
    if (this.busy || this.failure) return;
    this.busy = true;
    this.last = t;
    this.frames++;
    this.pending = this.source.add(t, 1 / VIDEO_FPS).then(
      () => void (this.busy = false),
      (e: unknown) => void (this.failure = describe(e)),
    );
  }

  elapsed(): number {
    return this.loop?.elapsed() ?? 0;
  }

  async stop(): Promise<RecordedFile> {
    this.loop?.stop();
    const seconds = this.elapsed();
    await this.pending;
    const failure = this.failure ?? this.loop?.failure ?? null;
    if (this.frames === 0 || this.failure) {
      await this.output.cancel().catch(() => undefined);
      throw new ExportError(`Nothing was recorded${failure ? ` (${failure})` : ''}.`);
    }
    this.source.close();
    await this.output.finalize();
    const buffer = this.target.buffer;
    if (!buffer || buffer.byteLength === 0) throw new ExportError('The video encoder produced no file.');
    return { blob: new Blob([buffer], { type: this.mimeType }), extension: this.extension, format: this.format, seconds, frames: this.frames, note: null };
  }
}

/** MediaRecorder on captureStream: WebM without a duration or seek index, where WebCodecs is missing. */
class MediaRecorderRecording implements Recording {
  readonly kind = 'video' as const;
  private readonly chunks: Blob[] = [];
  private readonly recorder: MediaRecorder;
  private readonly stream: MediaStream;
  private readonly loop: FrameLoop;
  private failure: string | null = null;

  constructor(canvas: HTMLCanvasElement, paint: () => void) {
    const mimeType = MEDIA_RECORDER_TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? 'video/webm';
    try {
      paint();
      this.stream = canvas.captureStream(VIDEO_FPS);
      this.recorder = new MediaRecorder(this.stream, { mimeType, videoBitsPerSecond: 4_000_000 });
    } catch (e) {
      throw new ExportError(`The browser refused to record the panels (${describe(e)}).`);
    }
    this.recorder.ondataavailable = (e) => {
      if (e.data.size > 0) this.chunks.push(e.data);
    };
    this.recorder.onerror = () => {
      this.failure = 'the video encoder stopped with an error';
    };
    this.loop = new FrameLoop(() => paint());
    this.recorder.start(1000); // chunks every second, so a long recording is not one buffer at the end
  }

  elapsed(): number {
    return this.loop.elapsed();
  }

  stop(): Promise<RecordedFile> {
    this.loop.stop();
    const seconds = this.elapsed();
    return new Promise((resolve, reject) => {
      const finish = () => {
        this.stream.getTracks().forEach((t) => t.stop());
        const blob = new Blob(this.chunks, { type: 'video/webm' });
        const failure = this.failure ?? this.loop.failure;
        if (blob.size > 0)
          resolve({ blob, extension: 'webm', format: 'WebM', seconds, frames: Math.round(seconds * VIDEO_FPS), note: 'this browser has no WebCodecs: the file has no duration or seek index' });
        else reject(new ExportError(`Nothing was recorded${failure ? ` (${failure})` : ''}.`));
      };
      if (this.recorder.state === 'inactive') finish();
      else {
        this.recorder.onstop = finish;
        this.recorder.stop();
      }
    });
  }
}

/** GIF settings: frames a second, widest frame, longest loop. */
export const GIF_LIMITS = { fps: 10, maxWidth: 480, maxSeconds: 20 } as const;

/** A GIF of at most GIF_LIMITS.maxSeconds, each frame quantised to its own 256-colour palette as it comes. */
class GifRecording implements Recording {
  readonly kind = 'gif' as const;
  private readonly loop: FrameLoop;
  private frames = 0;
  private last = -Infinity;
  private cut = false;
  private readonly small: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;

  private constructor(
    private readonly gif: import('gifenc').Encoder,
    private readonly enc: typeof import('gifenc'),
    canvas: HTMLCanvasElement,
    paint: () => void,
    onLimit: () => void,
  ) {
    const shrink = Math.min(1, GIF_LIMITS.maxWidth / canvas.width);
    this.small = document.createElement('canvas');
    this.small.width = Math.max(2, Math.round(canvas.width * shrink));
    this.small.height = Math.max(2, Math.round(canvas.height * shrink));
    const ctx = this.small.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new ExportError('The browser could not make a drawing surface for the GIF.');
    this.ctx = ctx;
    const grab = () => {
      ctx.drawImage(canvas, 0, 0, this.small.width, this.small.height);
      const { data } = ctx.getImageData(0, 0, this.small.width, this.small.height);
      const palette = this.enc.quantize(data, 256);
      this.gif.writeFrame(this.enc.applyPalette(data, palette), this.small.width, this.small.height, { palette, delay: 1000 / GIF_LIMITS.fps });
      this.frames++;
    };
    paint();
    grab();
    this.last = 0;
    this.loop = new FrameLoop((t) => {
      paint();
      if (t >= GIF_LIMITS.maxSeconds) {
        this.cut = true;
        this.loop.stop();
        onLimit();
        return;
      }
      if (t - this.last >= 1 / GIF_LIMITS.fps) {
        this.last = t;
        grab();
      }
    });
  }

  static async start(canvas: HTMLCanvasElement, paint: () => void, onLimit: () => void): Promise<GifRecording> {
    const enc = await import('gifenc');
    return new GifRecording(enc.GIFEncoder(), enc, canvas, paint, onLimit);
  }

  elapsed(): number {
    return Math.min(this.loop.elapsed(), GIF_LIMITS.maxSeconds);
  }

  async stop(): Promise<RecordedFile> {
    this.loop.stop();
    if (this.frames === 0) throw new ExportError(`Nothing was recorded${this.loop.failure ? ` (${this.loop.failure})` : ''}.`);
    this.gif.finish();
    const bytes = this.gif.bytes();
    return {
      blob: new Blob([bytes.slice().buffer], { type: 'image/gif' }),
      extension: 'gif',
      format: 'GIF',
      seconds: this.frames / GIF_LIMITS.fps,
      frames: this.frames,
      note: this.cut ? `a GIF stops at ${GIF_LIMITS.maxSeconds} s; record video for longer runs` : null,
    };
  }
}

/**
 * Start recording `canvas`, which `paint` redraws (called now and on every animation frame).
 * onLimit: a GIF reached its length limit (the caller stops and saves it).
 */
export async function startRecording(kind: RecordingKind, canvas: HTMLCanvasElement, paint: () => void, onLimit: () => void): Promise<Recording> {
  const support = recordingSupport(kind);
  if ('reason' in support) throw new ExportError(support.reason);
  try {
    if (kind === 'gif') return await GifRecording.start(canvas, paint, onLimit);
    if (typeof VideoEncoder !== 'undefined') return await WebCodecsRecording.start(canvas, paint);
    return new MediaRecorderRecording(canvas, paint);
  } catch (e) {
    if (e instanceof ExportError) throw e;
    throw new ExportError(`The browser refused to record the panels (${describe(e)}).`);
  }
}
