"""Current postings from public job-board APIs (Greenhouse, Lever, Ashby, USAJOBS), saved as dated snapshots.

:mod:`.http` is the polite client, :mod:`.providers` the APIs, :mod:`.snapshots`
the files and :mod:`.run` the fetch over many boards. The snapshots are read as
postings by :mod:`careerlens.sources.jobboards`, like any other file.
"""
