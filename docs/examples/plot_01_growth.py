"""
Growth of twinning by era and phase
===================================

Links formed per year across the named eras of :data:`paradiplo_net.temporal.ERAS`, and
their O'Toole phases (recorded or inferred by a named rule). See :doc:`/methods/temporal`
and :doc:`/methods/phases`. These are counts over ``core``, the curated landmark links (its
counts describe the list, which favours big cities and East Asia); the history of all towns
is estimated from the town sample in example 11.
"""

import textwrap

import paradiplo_net as pn

G = pn.datasets.load("core")
print(G)

# %%
# The figure function returns the figure and the tables behind it; each table
# carries its caption (with the counts of what was left out) in ``attrs``.

fig, tables = pn.figures.growth(G)
for name, table in tables.items():
    print(textwrap.fill(f"{name}: {table.attrs.get('caption', '')}", width=88), end="\n\n")

# %%
# The last rows of the growth table:

tables["growth"].tail()
