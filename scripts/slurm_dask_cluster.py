"""Start Dask workers as Slurm jobs with dask-jobqueue, for ``careerlens classify --engine dask --scheduler``.

Run it on the login node, in the environment careerlens is installed in
(``pip install 'careerlens[dask]' dask-jobqueue``); it prints the scheduler's
address and keeps the workers up until Enter is pressed:

    python scripts/slurm_dask_cluster.py --jobs 10 --cores 8 --memory 32GB
    careerlens classify --engine dask --scheduler tcp://10.0.0.5:8786 \\
        --input /scratch/project/postings --output /scratch/project/topics

For PBS, SGE or LSF use dask-jobqueue's PBSCluster, SGECluster or LSFCluster with the same arguments.
"""

from __future__ import annotations

import argparse


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="Slurm jobs (nodes) to start")
    parser.add_argument("--cores", type=int, default=8, help="cores a job; one single-threaded worker a core")
    parser.add_argument("--memory", default="32GB", help="memory a job")
    parser.add_argument("--walltime", default="02:00:00")
    parser.add_argument("--queue", default=None, help="the Slurm partition")
    args = parser.parse_args()

    from dask_jobqueue import SLURMCluster

    # One thread a worker process: a worker's scoring keeps its core busy (DuckDB, sparse products).
    cluster = SLURMCluster(cores=args.cores, processes=args.cores, memory=args.memory, walltime=args.walltime,
                           queue=args.queue)
    cluster.scale(jobs=args.jobs)
    print(f"scheduler: {cluster.scheduler_address}", flush=True)
    input("pass it to careerlens classify --scheduler; press Enter to stop the workers when it has finished\n")
    cluster.close()


if __name__ == "__main__":
    main()
