"""
Growth of twinning by era and phase
===================================

Links formed per year across the named eras of :data:`paradiplo_net.temporal.ERAS`, and
their O'Toole phases (recorded or inferred by a named rule). See :doc:`/methods/temporal`
and :doc:`/methods/phases`.
"""

import paradiplo_net as pn

G = pn.datasets.load("core")
fig, tables = pn.figures.growth(G)
print(tables["growth"].attrs.get("caption", ""))
tables["growth"].tail()
