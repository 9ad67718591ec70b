"""Batch throughput, scaling and memory, measured against a regex floor in the same run.

    python benchmarks/batch/bench_batch.py [--mb 50] [--small 1000,10000] [--work DIR] [--skip-throughput]

1. Builds a corpus by replicating the seeds (../shared/seeds) to about `--mb` MB, cycling each copy
   through UTF-8, GBK (GB18030 where GBK cannot encode a character), Big5/cp950 (UTF-8 where it cannot)
   and UTF-16, in subdirectories of 100 files.
2. Runs the floor (floor.py: read, decode, a dozen regexes, write; one process), then
   `docconv batch --jobs 1` and `--jobs 2`, on that corpus; reports MB/s and the ratios.
3. Memory: builds corpora of small files (a few KB, cut from the seeds) at each size in `--small`, runs
   `docconv batch --jobs 2` on each, and samples the resident memory of the driver and of the whole
   process tree every 0.1 s from /proc; reports the peaks.

Prints a Markdown report; paste it into RESULTS.md with the machine it ran on.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
ENCODINGS = ("utf-8", "gbk", "cp950", "utf-16")


def _encode(text: str, codec: str) -> bytes:
    for attempt in (codec, "gb18030" if codec == "gbk" else "utf-8"):
        try:
            return text.encode(attempt)
        except UnicodeEncodeError:
            continue
    return text.encode("utf-8")


def seed_texts() -> list[tuple[str, str]]:
    texts = []
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_bytes()
        for codec in ("utf-8", "gb18030", "utf-16"):
            try:
                texts.append((path.stem, raw.decode(codec)))
                break
            except UnicodeDecodeError:
                continue
    if not texts:
        sys.exit(f"no seeds found in {SEEDS}")
    return texts


def build_corpus(target: Path, megabytes: float) -> int:
    """Replicated seeds across encodings; returns the byte count."""
    if target.exists():
        shutil.rmtree(target)
    texts = seed_texts()
    total = i = 0
    while total < megabytes * 1e6:
        stem, text = texts[i % len(texts)]
        codec = ENCODINGS[(i // len(texts)) % len(ENCODINGS)]
        data = _encode(text, codec)
        path = target / f"d{i // 100:04d}" / f"{stem}-{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
        i += 1
    return total


def build_small(target: Path, files: int) -> int:
    """`files` small reports (paragraph windows of the seeds, UTF-8 and GBK)."""
    if target.exists():
        shutil.rmtree(target)
    paragraphs = [p for _stem, t in seed_texts() for p in t.splitlines() if p.strip()]
    total = 0
    for i in range(files):
        start = (i * 7) % max(1, len(paragraphs) - 12)
        text = "\n".join(paragraphs[start:start + 12]) + "\n"
        data = _encode(text, "gbk" if i % 2 else "utf-8")
        path = target / f"d{i // 500:04d}" / f"r{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
    return total


class RssSampler:
    """Peak RSS of a process and of its whole tree, sampled from /proc."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.driver_peak = 0
        self.tree_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _rss(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            return 0
        return 0

    def _tree(self) -> list[int]:
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        found, frontier = [self.pid], [self.pid]
        while frontier:
            p = frontier.pop()
            kids = [c for c, parent in parents.items() if parent == p]
            found.extend(kids)
            frontier.extend(kids)
        return found

    def _run(self) -> None:
        while not self._stop.is_set():
            self.driver_peak = max(self.driver_peak, self._rss(self.pid))
            self.tree_peak = max(self.tree_peak, sum(self._rss(p) for p in self._tree()))
            time.sleep(0.1)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def timed(command: list[str]) -> tuple[float, RssSampler, str]:
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = RssSampler(proc.pid)
    out, _ = proc.communicate()
    sampler.stop()
    seconds = time.perf_counter() - started
    if proc.returncode not in (0,):
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}):\n{out}")
    return seconds, sampler, out.strip().splitlines()[-1] if out.strip() else ""


def docconv(corpus: Path, out: Path, jobs: int) -> list[str]:
    if out.exists():
        shutil.rmtree(out)
    return [sys.executable, "-m", "docconv", "batch", str(corpus), "-r", "-o", str(out), "-j", str(jobs),
            "-q"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--small", default="1000,10000")
    ap.add_argument("--work", default="/tmp/docconv-bench")
    ap.add_argument("--skip-throughput", action="store_true")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}\n")
    if not args.skip_throughput:
        corpus = work / "corpus"
        size = build_corpus(corpus, args.mb)
        files = sum(1 for _ in corpus.rglob("*.txt"))
        mb = size / 1e6
        floor_s, _, floor_line = timed([sys.executable, str(HERE / "floor.py"), str(corpus),
                                        str(work / "floor-out")])
        one_s, one_rss, _ = timed(docconv(corpus, work / "out1", 1))
        two_s, two_rss, _ = timed(docconv(corpus, work / "out2", 2))
        print(f"## Throughput: {files} files, {mb:.1f} MB "
              "(seeds replicated across UTF-8, GBK, cp950, UTF-16)\n")
        print("| run | seconds | MB/s | vs floor | peak RSS, driver | peak RSS, all processes |")
        print("| --- | --- | --- | --- | --- | --- |")
        print(f"| floor (1 process) | {floor_s:.1f} | {mb / floor_s:.2f} | 1 | | |")
        for name, s, rss in (("docconv --jobs 1", one_s, one_rss), ("docconv --jobs 2", two_s, two_rss)):
            print(f"| {name} | {s:.1f} | {mb / s:.2f} | {floor_s / s:.3f} "
                  f"| {rss.driver_peak / 2**20:.0f} MiB | {rss.tree_peak / 2**20:.0f} MiB |")
        print(f"\nscaling: --jobs 2 is {one_s / two_s:.2f}× --jobs 1; per core, docconv runs at "
              f"{floor_s / one_s:.3f} of the floor ({floor_line})\n")
    print("## Memory: small files, --jobs 2\n")
    print("| files | MB | seconds | files/s | peak RSS, driver | peak RSS, all processes |")
    print("| --- | --- | --- | --- | --- | --- |")
    for n in (int(x) for x in args.small.split(",")):
        corpus = work / f"small-{n}"
        size = build_small(corpus, n)
        s, rss, _ = timed(docconv(corpus, work / f"small-out-{n}", 2))
        print(f"| {n} | {size / 1e6:.1f} | {s:.1f} | {n / s:.0f} | {rss.driver_peak / 2**20:.0f} MiB "
              f"| {rss.tree_peak / 2**20:.0f} MiB |")


if __name__ == "__main__":
    main()
