r"""Read and write twinning networks: links tables (CSV/TSV), KONECT, GraphML and GEXF.

Every reader returns ``(G, report)``: a graph that follows the contract of
:mod:`paradiplo_net.model` (it has been validated) and a :class:`~paradiplo_net.model.LoadReport`
saying how many rows were read, how many links were kept, which rows were rejected (1-based
data row number, header excluded, and the reason) and notes with counts (unknown years,
unrecognised country names, duplicate rows, ...). Nothing is dropped silently: a bad row
either stops the load with a :class:`~paradiplo_net.errors.SchemaError` that lists every
problem, or, with ``drop_invalid=True``, goes to ``report.rejected``. Every graph carries
``G.graph["rejected"]`` (count) and ``G.graph["load_report"]`` (``report.summary()``).

Direction: an edge ``u -> v`` means "the record of ``u`` lists ``v``". For tables that list
pairs without direction (``directed=False``), each row still becomes one edge, from the
first city to the second, and ``G.graph["directed"]`` is False so that no analysis reads
meaning into the direction.

Examples
--------
>>> import io
>>> import paradiplo_net as pn
>>> text = "city;partner;since\nCoventry;Dresden;1959\nDresden;Coventry;?\n"
>>> G, report = pn.io.read_links(io.StringIO(text), source="city", target="partner",
...                              year="since", dataset="demo")
>>> print(report)
<buffer>: 2 rows read, 2 links kept, 0 rejected
  note: separator ';' detected
  note: year: 1 row(s) with an unknown-year marker read as missing: '?' x1
>>> sorted(G.edges(data="year"))
[('Coventry|??', 'Dresden|??', 1959), ('Dresden|??', 'Coventry|??', None)]
"""

from ._columns import DEFAULT_KIND_MAP, DEFAULT_PHASE_MAP, ColumnMap
from ._duplicates import duplicate_pairs
from ._gexf import read_gexf, write_gexf
from ._graphml import read_graphml, write_graphml
from ._konect import read_konect
from ._links import read_links
from ._tables import read_tables, write_links
from ._text import read_text
from ._years import UNKNOWN_YEAR

__all__ = [
    "DEFAULT_KIND_MAP",
    "DEFAULT_PHASE_MAP",
    "UNKNOWN_YEAR",
    "ColumnMap",
    "duplicate_pairs",
    "read_gexf",
    "read_graphml",
    "read_konect",
    "read_links",
    "read_tables",
    "read_text",
    "write_gexf",
    "write_graphml",
    "write_links",
]
