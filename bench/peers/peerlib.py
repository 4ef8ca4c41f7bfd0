"""What the peer scripts share: reading the benchmark's data as each tool's users would, timing, output.

Each peer script runs in its own virtual environment (bench/run peers makes them) and prints JSON on
stdout: `wide` one object, `windows` one line per window. Warnings go to stderr."""
import glob, json, os, resource, sys, time, warnings

warnings.filterwarnings("ignore")


def emit(obj):
    print(json.dumps(obj, default=float), flush=True)


def clock():
    return time.perf_counter()


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def read_csv(path):
    import pandas as pd
    return pd.read_csv(path)


def windows(folder):
    """(name, reference, current) for each wN.ref.npy / wN.cur.npy pair, as float64 arrays (rows x features)."""
    import numpy as np
    for ref in sorted(glob.glob(os.path.join(folder, "*.ref.npy"))):
        name = os.path.basename(ref)[: -len(".ref.npy")]
        yield name, np.load(ref, mmap_mode="r"), np.load(ref.replace(".ref.npy", ".cur.npy"), mmap_mode="r")


def frame(array):
    import pandas as pd
    return pd.DataFrame(array, columns=[f"f{j}" for j in range(array.shape[1])])


def main(commands):
    """Runs the sub-command named by argv[1] with the remaining arguments."""
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(f"usage: {os.path.basename(sys.argv[0])} {'|'.join(commands)} ARGS...")
    commands[sys.argv[1]](*sys.argv[2:])
