/** A progress bar with an ETA on stderr; silent when stderr is not a terminal unless `always`. */
export class Progress {
  private readonly started = Date.now();
  private last = 0;
  constructor(
    private readonly total: number,
    private readonly label: string,
    private readonly always = false,
  ) {}

  tick(done: number, note = ""): void {
    const now = Date.now();
    if (done < this.total && now - this.last < 200) return;
    this.last = now;
    const elapsed = (now - this.started) / 1000;
    const share = this.total > 0 ? done / this.total : 1;
    const eta = share > 0 ? elapsed * (1 / share - 1) : 0;
    const width = 24;
    const bar = "#".repeat(Math.round(share * width)).padEnd(width, ".");
    const line = `${this.label} [${bar}] ${done}/${this.total} ${elapsed.toFixed(1)}s eta ${eta.toFixed(1)}s ${note}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K${done >= this.total ? "\n" : ""}`);
    else if (this.always || done >= this.total || done % Math.max(1, Math.round(this.total / 10)) === 0) process.stderr.write(line + "\n");
  }
}
