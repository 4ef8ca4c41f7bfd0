#!/usr/bin/python3
"""Runs one command of the peers benchmark and records how it went beside its output.

Usage: measure.py OUT -- COMMAND...
Writes the command's stdout to OUT, and OUT.meta.json: wall seconds, peak resident memory of the
command and its children (MiB), exit status and, when it failed, the last lines of its stderr, so that a
peer that cannot run becomes a row saying why instead of a missing table."""
import json, resource, subprocess, sys, time


def main():
    out, cmd = sys.argv[1], sys.argv[sys.argv.index("--") + 1:]
    t = time.perf_counter()
    with open(out, "wb") as stdout, open(out + ".stderr", "wb") as stderr:
        try:
            status = subprocess.run(cmd, stdout=stdout, stderr=stderr).returncode
        except OSError as e:
            stderr.write(str(e).encode())
            status = 127
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    meta = {"seconds": seconds, "peak_rss_mib": peak, "exit": status}
    if status != 0:
        lines = [l for l in open(out + ".stderr", errors="replace").read().splitlines() if l.strip()]
        meta["error"] = " / ".join(lines[-3:])[-600:] or f"exit status {status}"
    json.dump(meta, open(out + ".meta.json", "w"))
    print(f"{' '.join(cmd[:3])}...: {seconds:.1f} s, exit {status}", file=sys.stderr)


if __name__ == "__main__":
    main()
