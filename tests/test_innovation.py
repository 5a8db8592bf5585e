"""Tests of paradiplo_net.innovation.

Two parts:

1. Hand-checked values on tiny inputs (the expected value of each is explained in a comment),
   every error path.
2. ``real_data`` parity with netdiffuseR 1.25.0 on its standard data set, the Medical
   Innovation network of Coleman, Katz & Menzel (``../shared/data/medinnovations``). R is not
   available, so the reference values come from a second, deliberately naive implementation
   of netdiffuseR's definitions written here with explicit loops, each naming the netdiffuseR
   source it follows (``R/stats.R``, ``src/infection.cpp``, ``src/stats.cpp``, ``R/bass.r``,
   ``R/diffnet-methods.r``, ``src/adjmat.cpp``). netdiffuseR's vignettes, manual pages and
   tests print no number on ``medInnovations`` (checked: ``vignettes/*.Rmd``, ``man/*.Rd``,
   ``README.md``, ``tests/testthat/*``), so there is no printed value to pin beyond the
   numeric cases of ``tests/testthat/test-infect_suscept.R`` (pinned in part 1). The data's
   own ``thresh`` column (Valente's thresholds) is compared as well.
"""

from __future__ import annotations

import math
from collections import deque

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import paradiplo_net as pn
from paradiplo_net import innovation as inn
from paradiplo_net.errors import SchemaError

# ---------------------------------------------------------------------------------------
# part 1: a tiny directed network, hand-checked
#
#   ties: 0->1, 0->2, 1->0, 2->3, 3->4, 4->3         toa: 1, 1, 2, 3, never
#   cumulative adoption:  period 1: {0, 1}; 2: {0, 1, 2}; 3: {0, 1, 2, 3}


@pytest.fixture
def tiny():
    A = np.zeros((5, 5))
    for i, j in [(0, 1), (0, 2), (1, 0), (2, 3), (3, 4), (4, 3)]:
        A[i, j] = 1
    toa = pd.Series([1, 1, 2, 3, np.nan], index=list("abcde"))
    return sp.csr_matrix(A), toa


def wide(e: pd.DataFrame) -> np.ndarray:
    return e.pivot(index="node", columns="period", values="value").to_numpy()


def test_panel_from_adjacency(tiny):
    A, toa = tiny
    P = inn.diffusion_panel(A, toa)
    assert P.n == 5 and P.T == 3 and P.static
    assert P.periods.tolist() == [1, 2, 3]  # earliest to latest time of adoption
    assert list(P.nodes) == list("abcde")  # labels from the toa index
    assert P.params["directed"] is True
    assert P.cumadopt().sum(axis=0).tolist() == [2, 3, 4]
    assert P.adopt().sum(axis=0).tolist() == [2, 1, 1]
    assert "adopters=4" in repr(P)
    assert inn.diffusion_panel(P) is P
    # custom window: period 0 has no adopter yet, period 4 adds nobody
    assert inn.diffusion_panel(A, toa, periods=(0, 4)).cumadopt().sum(axis=0).tolist() == [
        0, 2, 3, 4, 4]


def test_panel_from_networkx_adds_isolates_from_toa():
    G = nx.DiGraph([("x", "y")])
    toa = pd.Series({"x": 1, "y": 2, "z": 2})  # z is not in the graph: an isolate
    P = inn.diffusion_panel(G, toa)
    assert list(P.nodes) == ["x", "y", "z"]
    assert P.graph(0).toarray().tolist() == [[0, 1, 0], [0, 0, 0], [0, 0, 0]]


def test_panel_from_contract_graph(toy):
    P = inn.diffusion_panel(toy)
    # toy adoption years: A, B 1944; F, G 1955; D, E 1956; C 1959; J 1970; H, I 1994
    assert P.periods[0] == 1944 and P.periods[-1] == 1994
    assert P.params["network"] == "static" and P.params["n_undated"] == 1  # E-G is undated
    i = P.nodes.get_loc
    # undirected collapse counts statements: A->B and B->A; H->I twice (1994 and 2004)
    assert P.graph(0)[i("A"), i("B")] == 2 and P.graph(0)[i("H"), i("I")] == 2
    assert P.graph(0)[i("E"), i("G")] == 1  # undated links are in the static network
    D = inn.diffusion_panel(toy, network="formed_by")
    assert not D.static and len(D.graphs) == D.T
    t1955 = 1955 - 1944
    # formed by 1955: A-B (1944) and F-G (1955) only
    assert D.graph(t1955).nnz == 4
    # F-B formed 1990, ended 2022: present in 1990, absent in 1989
    assert D.graph(1990 - 1944)[i("F"), i("B")] == 1 and D.graph(1989 - 1944)[i("F"), i("B")] == 0
    assert toy.number_of_edges() == 12  # input untouched


def test_panel_errors(tiny, toy):
    A, toa = tiny
    with pytest.raises(SchemaError, match="one time of adoption per node"):
        inn.diffusion_panel(A, toa.iloc[:3])
    with pytest.raises(SchemaError, match="not an integer period"):
        inn.diffusion_panel(A, pd.Series([1.5, 1, 2, 3, 4]))
    with pytest.raises(SchemaError, match="not an integer period"):
        inn.diffusion_panel(A, pd.Series(["x", 1, 2, 3, 4]))
    with pytest.raises(SchemaError, match="no node has a time of adoption"):
        inn.diffusion_panel(A, pd.Series([np.nan] * 5))
    with pytest.raises(SchemaError, match="has no entry in toa"):
        inn.diffusion_panel(nx.DiGraph([(1, 2)]), pd.Series({1: 1}))
    with pytest.raises(SchemaError, match="not square"):
        inn.diffusion_panel(np.zeros((2, 3)), pd.Series([1, 2]))
    with pytest.raises(TypeError, match="expected a contract MultiDiGraph"):
        inn.diffusion_panel([[0, 1], [1, 0]], pd.Series([1, 2]))
    with pytest.raises(ValueError, match=r"toa \(times of adoption\) is required"):
        inn.diffusion_panel(A)
    with pytest.raises(ValueError, match="already in the DiffusionPanel"):
        inn.diffusion_panel(inn.diffusion_panel(A, toa), toa)
    with pytest.raises(ValueError, match="needs a contract graph"):
        inn.diffusion_panel(A, toa, network="formed_by")
    with pytest.raises(ValueError, match="network='dynamic' is not one of"):
        inn.diffusion_panel(toy, network="dynamic")
    with pytest.raises(ValueError, match="periods must be"):
        inn.diffusion_panel(A, toa, periods=(3, 1))
    with pytest.raises(SchemaError, match="unknown node 'zz'"):
        inn.person_period(A, toa, population=["a", "zz"])


def test_exposure_hand_checked(tiny):
    A, toa = tiny
    E = wide(inn.exposure(A, toa))
    # node a names b and c: by period 1 only b adopted (1/2), by 2 both (1); b names a (1);
    # c names d (adopts at 3); d names e (never); e names d (adopted at 3)
    np.testing.assert_allclose(E, [[.5, 1, 1], [1, 1, 1], [0, 0, 1], [0, 0, 0], [0, 0, 1]])
    # counts instead of shares: a's two contacts
    np.testing.assert_allclose(wide(inn.exposure(A, toa, normalized=False))[0], [1, 2, 2])
    # incoming ties: d is named by c and e; c adopted at 2, e never -> 0, 1/2, 1/2
    np.testing.assert_allclose(wide(inn.exposure(A, toa, outgoing=False))[3], [0, .5, .5])
    # lag 1: the exposure of the period before (NaN in the first period)
    np.testing.assert_allclose(wide(inn.exposure(A, toa, lags=1))[0], [np.nan, .5, 1])
    # lag -1: the next period's (NaN in the last)
    np.testing.assert_allclose(wide(inn.exposure(A, toa, lags=-1))[0], [1, 1, np.nan])
    long = inn.exposure(A, toa)
    assert list(long.columns) == ["period", "node", "measure", "value"]
    assert set(long["measure"]) == {"exposure"} and len(long) == 15
    assert long.attrs["lags"] == 0 and long.attrs["weights"] == "network"


def test_exposure_valued_and_self_ties():
    A = np.array([[1.0, 3.0, 1.0], [0, 0, 0], [0, 0, 0]])  # a self-tie and a tie of value 3
    toa = pd.Series([2, 1, 2])
    # binary, no self-tie: 1 of a's 2 contacts adopted by period 1
    assert wide(inn.exposure(A, toa))[0, 0] == pytest.approx(0.5)
    # valued: 3 of 4
    assert wide(inn.exposure(A, toa, valued=True))[0, 0] == pytest.approx(0.75)
    # with the self-tie (a not adopted by 1): 1 of 3
    assert wide(inn.exposure(A, toa, self_ties=True))[0, 0] == pytest.approx(1 / 3)


def test_exposure_alternative_weights_and_errors(tiny):
    A, toa = tiny
    W = sp.csr_matrix(np.ones((5, 5)))  # everybody: share of the others adopted
    E = wide(inn.exposure(A, toa, weights=W))
    # e: of a, b, c, d: 2, 3, 4 adopted by periods 1, 2, 3
    np.testing.assert_allclose(E[4], [.5, .75, 1])
    per_period = [W, W, sp.csr_matrix((5, 5))]  # no contact at all in period 3 -> 0
    assert wide(inn.exposure(A, toa, weights=per_period))[4, 2] == 0
    with pytest.raises(ValueError, match="lags must be"):
        inn.exposure(A, toa, lags=3)
    with pytest.raises(ValueError, match="lags must be"):
        inn.exposure(A, toa, lags=True)
    with pytest.raises(ValueError, match="weights must be 5 x 5"):
        inn.exposure(A, toa, weights=sp.csr_matrix((4, 4)))
    with pytest.raises(ValueError, match="weights must be an n x n matrix or one per period"):
        inn.exposure(A, toa, weights="geo")


def test_threshold_hand_checked(tiny):
    A, toa = tiny
    th = inn.threshold(A, toa)
    # a, b adopted in the first period: censored (NaN); c at 2: exposure 0 (d not yet);
    # d at 3: exposure 0 (e never); e never adopted: NaN
    np.testing.assert_allclose(th.to_numpy(), [np.nan, np.nan, 0, 0, np.nan])
    assert th.name == "threshold" and list(th.index) == list("abcde")
    assert th.attrs == {"include_censored": False, "lags": 0}
    # netdiffuseR's returned values keep the first-period adopters: a 1/2, b 1
    np.testing.assert_allclose(inn.threshold(A, toa, include_censored=True).to_numpy(),
                               [.5, 1, 0, 0, np.nan])
    # lag 1: exposure the period before; a, b have none (period 0 is outside the data)
    np.testing.assert_allclose(inn.threshold(A, toa, lags=1).to_numpy(),
                               [np.nan, np.nan, 0, 0, np.nan])
    # options pass through to exposure: incoming ties of c (named by a, adopted at 1) -> 1
    assert inn.threshold(A, toa, outgoing=False)["c"] == 1


def test_threshold_on_twinning(toy):
    # share of a city's (eventual) partners that had twinned by the year before its own
    # first link: C (1959) partners A (1944), D (1956) -> 1; E (1956) partners D (1956),
    # G (1955) -> 1/2; J (1970) partners G (1955), H (1994) -> 1/2
    th = inn.threshold(toy, lags=1)
    assert th[["C", "E", "J"]].tolist() == [1.0, 0.5, 0.5]
    assert np.isnan(th["A"])  # first-year adopters are censored


def test_cumulative_adoption_and_hazard(tiny):
    A, toa = tiny
    c = inn.cumulative_adoption(A, toa)
    assert c.index.name == "period" and c.index.tolist() == [1, 2, 3]
    assert c["adopters"].tolist() == [2, 1, 1]
    assert c["num"].tolist() == [2, 3, 4]
    np.testing.assert_allclose(c["prop"], [.4, .6, .8])  # of all 5 nodes, e included
    np.testing.assert_allclose(c["rate"], [0, 1 / 2, 1 / 3])  # (3-2)/2, (4-3)/3
    h = inn.hazard_rate(A, toa)
    # 1 of the 3 at risk adopts in period 2, 1 of 2 in period 3; 0 in the first period
    np.testing.assert_allclose(h, [0, 1 / 3, 1 / 2])
    assert h.name == "hazard"


def test_cumulative_adoption_single_period():
    c = inn.cumulative_adoption(np.zeros((2, 2)), pd.Series([5, np.nan]))
    assert c.index.tolist() == [5] and c["rate"].tolist() == [0.0]
    assert inn.hazard_rate(np.zeros((2, 2)), pd.Series([5, np.nan])).tolist() == [0.0]


# netdiffuseR's own numeric cases (tests/testthat/test-infect_suscept.R), with the values
# that file expects.
@pytest.fixture
def suscept_case():
    A = np.zeros((5, 5))
    A[4, :4] = 1  # node 5 names nodes 1..4
    return A, pd.Series([1, 4, 1, 2, 3])


@pytest.fixture
def infect_case():
    A = np.zeros((5, 5))
    A[1:, 0] = 1  # nodes 2..5 name node 1
    return A, pd.Series([2, 1, 3, 4, 4])


def test_susceptibility_netdiffuser_cases(suscept_case):
    A, toa = suscept_case
    s = inn.susceptibility(A, toa, normalize=False)
    # node 5 adopted at 3: of its contacts adopted by 2 (nodes 1, 3 at 1; 4 at 2), one (4)
    # adopted at 2 -> 1/3
    assert s.iloc[4] == pytest.approx(1 / 3, abs=1e-8)
    # K=2, linear discount w_k = k: (1 + 2/2) / (3 + 2/2) = 2/4
    assert inn.susceptibility(A, toa, K=2, normalize=False).iloc[4] == pytest.approx(.5)
    # exponential discount, r = .1: K=1 unchanged; K=2: (1 + 2/1.1) / (3 + 2/1.1)
    assert inn.susceptibility(A, toa, normalize=False, r=.1, expdiscount=True).iloc[4] == (
        pytest.approx(1 / 3))
    bmark = (1 / 1 + 2 / 1.1) / (3 / 1 + 2 / 1.1)
    assert inn.susceptibility(A, toa, K=2, normalize=False, r=.1,
                              expdiscount=True).iloc[4] == pytest.approx(bmark)
    # normalised by the number adopting at 2 (one node): unchanged
    assert inn.susceptibility(A, toa).iloc[4] == pytest.approx(1 / 3)
    # first-period adopters (nodes 1, 3) get 0, as netdiffuseR; nodes without ties: 0
    assert s.iloc[[0, 2]].tolist() == [0.0, 0.0]
    # outgoing=False: node 5 is named by nobody -> 0
    assert inn.susceptibility(A, toa, outgoing=False, normalize=False).iloc[4] == 0


def test_infection_netdiffuser_cases(infect_case):
    A, toa = infect_case
    # node 1 adopted at 2; named by 2..5; of those adopting later (3, 4, 4) one at 3 -> 1/3
    assert inn.infection(A, toa, normalize=False).iloc[0] == pytest.approx(1 / 3)
    # K=2: (1 + 2/2) / (3 + 2/2)
    assert inn.infection(A, toa, K=2, normalize=False).iloc[0] == pytest.approx(.5)
    bmark = (1 / 1 + 2 / 1.1) / (3 / 1 + 2 / 1.1)
    assert inn.infection(A, toa, K=2, normalize=False, r=.1,
                         expdiscount=True).iloc[0] == pytest.approx(bmark)
    # normalised by the one node adopting at 3: unchanged
    assert inn.infection(A, toa).iloc[0] == pytest.approx(1 / 3)
    # last-period adopters (nodes 4, 5) get 0, as netdiffuseR
    assert inn.infection(A, toa).iloc[[3, 4]].tolist() == [0.0, 0.0]


def test_infection_susceptibility_nan_and_errors(tiny):
    A, toa = tiny
    assert np.isnan(inn.infection(A, toa)["e"]) and np.isnan(inn.susceptibility(A, toa)["e"])
    with pytest.raises(ValueError, match="smaller than the number of periods"):
        inn.infection(A, toa, K=3)
    with pytest.raises(ValueError, match="K must be an int >= 1"):
        inn.susceptibility(A, toa, K=0)


def test_infection_dynamic_graph(toy):
    D = inn.diffusion_panel(toy, network="formed_by")
    inf = inn.infection(D)
    # A adopted 1944; in 1945 (the graph used for k=1) its only tie is B, adopted 1944 (not
    # later): no later adopter among its contacts -> 0
    assert inf["A"] == 0
    assert inf.notna().all()


def test_geo_weights_hand_checked():
    # three places on the equator at longitudes 0, 1, 3 (1 degree = 111.2 km)
    xy = pd.DataFrame({"lat": [0.0, 0.0, 0.0, np.nan], "lon": [0.0, 1.0, 3.0, 0.0]},
                      index=list("pqrs"))
    W = inn.geo_weights(xy, k=1).toarray()
    # nearest of p is q, of q is p, of r is q; s has no coordinates: no row, no column
    assert W.tolist() == [[0, 1, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0]]
    W2 = inn.geo_weights(xy, k=2).toarray()
    assert W2.sum(axis=1).tolist() == [2, 2, 2, 0]
    # within 150 km: only the pair p-q, both ways
    Wd = inn.geo_weights(xy, km=150).toarray()
    assert Wd[0, 1] == 1 and Wd[1, 0] == 1 and Wd.sum() == 2
    # inverse distances: 1 / 111.19 km
    Wi = inn.geo_weights(xy, km=150, inverse=True).toarray()
    assert Wi[0, 1] == pytest.approx(1 / (2 * math.pi * 6371.0088 / 360), rel=1e-9)
    # only p and r may be neighbours: the nearest candidate of q is p, of r is q? no: p
    Wc = inn.geo_weights(xy, k=1, candidates=["p", "r"]).toarray()
    assert Wc[1].tolist() == [1, 0, 0, 0] and Wc[2].tolist() == [1, 0, 0, 0]
    assert Wc[0].tolist() == [0, 0, 1, 0]  # p's nearest candidate other than itself: r


def test_geo_weights_from_graph_and_errors(toy, tiny):
    W = inn.geo_weights(toy, k=2)
    assert W.shape == (10, 10) and W.nnz == 20
    P = inn.diffusion_panel(toy)
    i = P.nodes.get_loc
    # J (Shizuoka area) and G (Nagasaki) are each other's nearest in the toy
    assert W[i("J"), i("G")] == 1
    with pytest.raises(ValueError, match="exactly one of k"):
        inn.geo_weights(toy)
    with pytest.raises(ValueError, match="exactly one of k"):
        inn.geo_weights(toy, k=1, km=10)
    with pytest.raises(ValueError, match="km must be a positive number"):
        inn.geo_weights(toy, km=-1)
    with pytest.raises(ValueError, match="no coordinates"):
        inn.geo_weights(inn.diffusion_panel(*tiny), k=1)
    empty = pd.DataFrame({"lat": [np.nan], "lon": [np.nan]})
    assert inn.geo_weights(empty, k=1).nnz == 0


def test_geographic_exposure_on_twinning(toy):
    W = inn.geo_weights(toy, k=1)
    th = inn.threshold(toy, weights=W, lags=1)
    # nearest of J is G (twinned 1955, J in 1970) -> 1; nearest of I (Busan) is G or J?
    # Busan-Nagasaki ~ 230 km < Busan-Shizuoka ~ 690 km -> G, twinned 1955 < 1994 -> 1
    assert th["J"] == 1 and th["I"] == 1


def bass_counts(p, q, m, T):
    """New adopters of an exact Bass curve, rounded to whole adopters."""
    t = np.arange(0, T + 1)
    N = np.round(m * inn.bass_F(t, p, q)).astype(int)
    return np.diff(N)


def test_fit_bass_recovers_parameters():
    # 200,000 adopters drawn exactly from p = .03, q = .38 over 20 periods: rounding to
    # whole adopters moves the estimates by far less than 1e-3
    new = bass_counts(.03, .38, 200_000, 20)
    toa = pd.Series(np.repeat(np.arange(1, 21), new))
    r = inn.fit_bass(toa)
    assert r.method == "nls" and r.n_periods == 20
    assert r.p == pytest.approx(.03, abs=1e-4) and r.q == pytest.approx(.38, abs=1e-3)
    # m is the market potential (200,000), above the adopters seen by period 20 (F(20) < 1)
    assert r.m == pytest.approx(200_000, rel=1e-3) and new.sum() < r.m
    assert list(r.table.index) == ["p", "q", "m"]
    lo, hi = r.table.loc["q", ["ci_low", "ci_high"]]
    assert lo < .38 < hi
    assert list(r.fitted.columns) == ["observed", "fitted"] and len(r.fitted) == 20
    assert "BassResult(method='nls'" in repr(r)


def test_fit_bass_netdiffuser_definition():
    # every node adopts: cumulative share on F(t) with m = n; the exact curve of
    # p = .05, q = .4 on 20 periods is recovered (rounding aside)
    new = bass_counts(.05, .4, 100_000, 20)
    toa = pd.Series(np.repeat(np.arange(1, 21), new))
    r = inn.fit_bass(toa, method="netdiffuser")
    assert r.m == len(toa) and list(r.table.index) == ["p", "q"]
    # the curve is truncated at 20 periods (F(20) < 1) while prop(20) = 1: a small misfit
    assert r.p == pytest.approx(.05, abs=5e-3) and r.q == pytest.approx(.4, abs=5e-2)
    assert r.params["start"] == pytest.approx([new[0] / len(toa), .5])


def test_fit_bass_errors_and_groups(toy):
    with pytest.raises(ValueError, match="method='mle' is not one of"):
        inn.fit_bass(toy, method="mle")
    with pytest.raises(ValueError, match="level must be in"):
        inn.fit_bass(toy, level=1.5)
    with pytest.raises(ValueError, match="needs more than 3 periods"):
        inn.fit_bass(pd.Series([1, 2, 3]))
    assert inn.fit_bass(toy).n_periods == 51  # 1944..1994 from the graph
    toa = pd.Series(np.repeat(np.arange(1, 21), bass_counts(.03, .38, 2000, 20)))
    groups = pd.Series(np.where(np.arange(len(toa)) % 2 == 0, "even", "odd"), index=toa.index)
    groups.iloc[0] = None  # counted, not silently dropped
    tab = inn.bass_by_group(toa, groups, min_adopters=10)
    assert tab.index.tolist() == ["even", "odd"] and (tab["note"] == "").all()
    assert tab.attrs["no_group"] == 1
    assert (tab["q_low"] < tab["q"]).all() and (tab["q"] < tab["q_high"]).all()
    few = inn.bass_by_group(toa.iloc[:5], groups.iloc[:5], min_adopters=10)
    assert few["note"].str.startswith("fewer than").all()
    short = inn.bass_by_group(pd.Series([1, 2, 2]), pd.Series(["x"] * 3), min_adopters=1)
    assert "needs more than" in short.loc["x", "note"]


def naive_moran(x, W, normalize=True):
    """ape::Moran.I / netdiffuseR moran_cpp, dense, with explicit loops."""
    x = np.asarray(x, float)
    W = np.asarray(W, float).copy()
    N = len(x)
    if normalize:
        for i in range(N):
            W[i] = W[i] / (W[i].sum() + 1e-20)
    m = x.mean()
    num = sum(W[i, j] * (x[i] - m) * (x[j] - m) for i in range(N) for j in range(N))
    den = sum((x[i] - m) ** 2 for i in range(N))
    S0 = W.sum()
    obs = N / S0 * num / (den + 1e-20)
    S1 = 0.5 * sum((W[i, j] + W[j, i]) ** 2 for i in range(N) for j in range(N))
    S2 = sum((W[i].sum() + W[:, i].sum()) ** 2 for i in range(N))
    with np.errstate(invalid="ignore", divide="ignore"):
        k = (sum((x - m) ** 4) / N) / (sum((x - m) ** 2) / N) ** 2
        ei = -1 / (N - 1)
        var = ((N * ((N**2 - 3 * N + 3) * S1 - N * S2 + 3 * S0**2)
                - k * (N * (N - 1) * S1 - 2 * N * S2 + 6 * S0**2))
               / ((N - 1) * (N - 2) * (N - 3) * S0**2) - ei**2)
    return obs, ei, math.sqrt(var) if not math.isnan(var) else math.nan


def test_moran_hand_checked():
    W = np.array([[0, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 1], [0, 0, 1, 0]])
    r = inn.moran([1.0, 2.0, 3.0, 4.0], W)
    # row-standardised path: sum_i z_i * mean of neighbours' z = .75 + .25 + .25 + .75 = 2;
    # sum z^2 = 5; N / S0 = 4 / 4 -> I = 2 / 5
    assert r.observed == pytest.approx(.4) and r.expected == pytest.approx(-1 / 3)
    _, _, sd = naive_moran([1, 2, 3, 4], W)
    assert r.sd == pytest.approx(sd, abs=1e-12)
    # unnormalised: sum_ij w z z = 2 * (.75 + -.25 + .75) = 2.5; N / S0 = 4 / 6 -> I = 1/3
    assert inn.moran([1.0, 2.0, 3.0, 4.0], W, normalize=False).observed == pytest.approx(1 / 3)
    assert np.isnan(r.p_perm) and r.permutations == 0 and r.params["normalize"] is True
    assert "MoranResult(I=0.4000" in repr(r)


def test_moran_permutations_and_alternatives():
    rng = np.random.default_rng(3)
    W = (rng.random((30, 30)) < .2).astype(float)
    x = rng.normal(size=30)
    a = inn.moran(x, W, permutations=199, seed=5)
    b = inn.moran(x, W, permutations=199, seed=5)
    assert a.p_perm == b.p_perm and 0 < a.p_perm <= 1 and a.seed == 5
    g = inn.moran(x, W, alternative="greater", permutations=99)
    le = inn.moran(x, W, alternative="less", permutations=99)
    # one-sided normal p-values are complementary; two-sided is twice the smaller
    assert g.p_value + le.p_value == pytest.approx(1)
    assert a.p_value == pytest.approx(2 * min(g.p_value, le.p_value))
    # a perfectly clustered x: two cliques with values 0 / 1 -> I = 1, tiny p-values
    B = np.kron(np.eye(2), np.ones((5, 5))) - np.eye(10)
    c = inn.moran(np.repeat([0.0, 1.0], 5), B, alternative="greater", permutations=99, seed=1)
    # a permutation reproduces the split with probability 2 / C(10, 5) = 2 / 252
    assert c.observed == pytest.approx(1) and c.p_perm <= 0.05 and c.p_value < 1e-3


def test_moran_constant_and_errors():
    r = inn.moran([1.0, 1.0, 1.0, 1.0], np.ones((4, 4)) - np.eye(4))
    # constant x: netdiffuseR returns I = 0 (the 1e-20 guard) and sd NaN
    assert r.observed == 0 and np.isnan(r.sd) and np.isnan(r.p_value)
    with pytest.raises(ValueError, match="only finite values"):
        inn.moran([1.0, np.nan], np.eye(2))
    with pytest.raises(ValueError, match="w must be 2 x 2"):
        inn.moran([1.0, 2.0], np.eye(3))
    with pytest.raises(ValueError, match=r"alternative='two\.sided' is not one of"):
        inn.moran([1.0, 2.0], np.eye(2), alternative="two.sided")
    with pytest.raises(ValueError, match="permutations must be an int >= 0"):
        inn.moran([1.0, 2.0], np.eye(2), permutations=-1)


def test_inverse_geodesic_and_moran_by_period():
    A = np.array([[0, 1, 0], [0, 0, 1], [0, 0, 0]])
    # a directed path: 1 step -> 1, 2 steps -> 1/2; nothing backwards
    assert inn.inverse_geodesic(A).toarray().tolist() == [[0, 1, .5], [0, 0, 1], [0, 0, 0]]
    # cut at one step
    assert inn.inverse_geodesic(A, max_steps=1).toarray()[0, 2] == 0
    with pytest.raises(ValueError, match="max_steps must be an int >= 1"):
        inn.inverse_geodesic(A, max_steps=0)
    B = np.array([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]])
    m = inn.moran_by_period(B, pd.Series([1, 1, 2, 2]))
    # period 1: the pair {0, 1} has adopted, {2, 3} not: perfect clustering, I = 1;
    # period 2: everybody: constant -> 0 and NaN sd (netdiffuseR's convention)
    assert m["moran_obs"].tolist() == pytest.approx([1.0, 0.0])
    assert np.isnan(m.loc[2, "moran_sd"])
    # given weights are used in every period
    mg = inn.moran_by_period(B, pd.Series([1, 1, 2, 2]), weights=sp.csr_matrix(B))
    assert mg.loc[1, "moran_obs"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="weights must be None"):
        inn.moran_by_period(B, pd.Series([1, 1, 2, 2]), weights="knn")


def test_moran_toa(toy):
    B = np.array([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]])
    r = inn.moran_toa(B, pd.Series([1, 1, 5, np.nan]), permutations=0)
    # the non-adopter is dropped with its row and column: x = 1, 1, 5 on weights 0<->1:
    # z = -4/3, -4/3, 8/3; only rows 0, 1 have weights: sum = 2 * 16/9; N/S0 = 3/2;
    # sum z^2 = 96/9 -> I = 1.5 * (32/9) / (96/9) = 0.5
    assert r.observed == pytest.approx(.5) and r.params["non_adopters"] == 1
    assert r.params["weights"] == "inverse_geodesic(max_steps=6)"
    g = inn.moran_toa(toy, weights=inn.geo_weights(toy, k=2), permutations=99, seed=2)
    assert g.params["weights"] == "given" and g.n == 10 and g.alternative == "greater"


def test_person_period_hand_checked(tiny):
    A, toa = tiny
    pp = inn.person_period(A, toa)
    # at risk from period 2 (lagged exposure exists): a, b adopted at 1 -> left-censored;
    # c adopts at 2 (1 row); d at risk in 2, adopts in 3 (2 rows); e never: 2 rows
    assert pp[["node", "period", "adopted"]].values.tolist() == [
        ["c", 2, 1.0], ["d", 2, 0.0], ["d", 3, 1.0], ["e", 2, 0.0], ["e", 3, 0.0]]
    # lagged exposure: c, e name d, d names e; d adopts only at 3, so the exposure of the
    # period before is 0 in every row
    assert pp["network"].tolist() == [0, 0, 0, 0, 0]
    assert pp.attrs["left_censored"] == 2
    # without lag, at risk from period 1: a, b adopt there; e sees d adopt at 3 -> 1
    pp0 = inn.person_period(A, toa, lags=0)
    assert len(pp0) == 10 and pp0.attrs["left_censored"] == 0
    assert pp0.loc[pp0["node"] == "e", "network"].tolist() == [0, 0, 1]
    cov = pd.DataFrame({"size": [1, 2, 3, 4, 5]}, index=list("abcde"))
    pp2 = inn.person_period(A, toa, covariates=cov, population=["d", "e"], start=3,
                            exposures={"everyone": sp.csr_matrix(np.ones((5, 5)))})
    assert pp2[["node", "period", "size"]].values.tolist() == [["d", 3, 4], ["e", 3, 5]]
    # everyone's exposure at 2 (lagged): of the 4 others of d: a, b, c adopted -> 3/4
    assert pp2["everyone"].tolist() == pytest.approx([.75, .75])
    with pytest.raises(ValueError, match="exposures must be a non-empty mapping"):
        inn.person_period(A, toa, exposures={})


@pytest.fixture
def clustered():
    """Twenty cliques of five: one member adopts at a random period 1-8, the others a
    geometric number of periods later (never, past period 10): noisy contagion."""
    rng = np.random.default_rng(42)
    A = np.kron(np.eye(20), np.ones((5, 5)))
    toa = []
    for _ in range(20):
        s = int(rng.integers(1, 9))
        toa += [s] + [s + int(rng.geometric(0.4)) for _ in range(4)]
    return A, pd.Series(np.where(np.array(toa) > 10, np.nan, toa))


def test_event_history_against_own_newton_and_naive_table(clustered):
    from paradiplo_net.innovation._event import _logit

    A, toa = clustered
    r = inn.event_history(A, toa, time="linear")
    assert list(r.table.columns) == ["coef", "se", "z", "p_value", "ci_low", "ci_high",
                                     "odds_ratio"]
    pp = inn.person_period(A, toa)
    X = np.column_stack([np.ones(len(pp)), pp["network"],
                         (pp["period"] - pp["period"].mean()) / pp["period"].std(ddof=0)])
    b, cov, llf = _logit(X, pp["adopted"].to_numpy())
    np.testing.assert_allclose(r.table["coef"], b, atol=1e-6)
    np.testing.assert_allclose(r.table["se"], np.sqrt(np.diag(cov)), rtol=1e-6)
    assert r.llf == pytest.approx(llf) and r.n_obs == len(pp)
    assert r.n_events == int(pp["adopted"].sum()) and r.table.loc["network", "coef"] > 0
    assert r.params["time"] == "linear" and r.params["left_censored"] == 3  # 3 at period 1
    assert "network=" in repr(r)


def test_event_history_time_specs_and_covariates(clustered):
    A, toa = clustered
    d = inn.event_history(A, toa)  # period dummies
    assert any(n.startswith("period_") for n in d.table.index)
    c = inn.event_history(A, toa, time="cubic")
    assert {"time", "time2", "time3"} <= set(c.table.index)
    cov = pd.DataFrame({"kind": ["x", "y"] * 50, "w": np.arange(100.0) % 7}, index=toa.index)
    n = inn.event_history(A, toa, time="none", covariates=cov,
                          exposures={"network": None, "all": np.ones((100, 100))})
    assert list(n.table.index) == ["const", "network", "all", "w", "kind_y"]
    assert n.params["covariates"] == ["kind", "w"]
    with pytest.raises(ValueError, match="time='quartic' is not one of"):
        inn.event_history(A, toa, time="quartic")
    with pytest.raises(ValueError, match="level must be in"):
        inn.event_history(A, toa, level=0)
    with pytest.raises(ValueError, match="lags must be an int >= 0"):
        inn.event_history(A, toa, lags=-1)
    with pytest.raises(ValueError, match="no adoption among the rows at risk"):
        inn.event_history(inn.diffusion_panel(A, pd.Series([1] * 99 + [np.nan]), periods=(1, 3)))


def test_event_history_drops_uninformative_periods():
    from paradiplo_net.innovation._event import _design

    # period 3: nobody at risk adopts; period 4: the only one at risk adopts (rate 1): their
    # dummies would be infinite, and they say nothing about the other coefficients
    pp = pd.DataFrame({"node": list("abcdefg"), "period": [2, 2, 2, 3, 3, 4, 2],
                       "adopted": [1, 0, 1, 0, 0, 1, 0], "network": np.arange(7.0)})
    X, dropped = _design(pp, ["network"], [], "dummies")
    assert dropped == [3, 4] and list(X.columns) == ["const", "network"] and len(X) == 4
    # the fast path of the contagion test keeps the same rows
    from paradiplo_net.innovation._event import _time_columns

    P = inn.diffusion_panel(np.zeros((2, 2)), pd.Series([1, 5]))
    j = pp["period"].to_numpy() - 1
    cols, keep = _time_columns(P, j, pp["adopted"].to_numpy(dtype=float), "dummies")
    assert keep.tolist() == [True, True, True, False, False, False, True]
    assert cols.shape == (7, 0)  # period 2 is the only informative one: the reference


def test_contagion_test(clustered):
    A, toa = clustered
    r = inn.contagion_test(A, toa, time="linear", n=29, seed=7)
    again = inn.contagion_test(A, toa, time="linear", n=29, seed=7)
    pd.testing.assert_frame_equal(r.null, again.null)
    assert r.n == 29 and r.seed == 7 and r.model == "shuffle_toa"
    # within-clique contagion beats every shuffle: p = 1 / 30
    assert r.p_value["network"] == pytest.approx(1 / 30)
    assert r.observed["network"] == pytest.approx(
        inn.event_history(A, toa, time="linear").table.loc["network", "coef"], abs=1e-6)
    assert r.z()["network"] > 2 and "ContagionResult(network" in repr(r)
    assert r.params["population"] == 100 and r.params["alternative"] == "greater"
    with pytest.raises(ValueError, match="n must be an int >= 1"):
        inn.contagion_test(A, toa, n=0)
    with pytest.raises(ValueError, match="seed must be an int"):
        inn.contagion_test(A, toa, seed=1.5)


def test_contagion_test_covariates_and_strata(clustered):
    A, toa = clustered
    cov = pd.DataFrame({"kind": ["x", "y", "z", "x"] * 25}, index=toa.index)
    r = inn.contagion_test(A, toa, time="dummies", covariates=cov, n=5, seed=1)
    # the fast numpy path fits the same model as event_history (dummies, covariates)
    eh = inn.event_history(A, toa, time="dummies", covariates=cov)
    assert r.observed["network"] == pytest.approx(eh.table.loc["network", "coef"], abs=1e-6)
    # every node its own stratum: shuffles change nothing, every null equals the observed
    own = pd.Series(np.arange(100), index=toa.index)
    s = inn.contagion_test(A, toa, time="linear", n=4, seed=1, strata=own)
    np.testing.assert_allclose(s.null["network"], s.observed["network"], atol=1e-8)
    assert s.p_value["network"] == 1.0 and s.params["strata"] == 100
    # one stratum per clique: shuffling within cliques keeps clique timing, so contagion
    # within cliques is no longer extreme (it is a different question)
    cl = pd.Series(np.repeat(np.arange(20), 5), index=toa.index)
    w = inn.contagion_test(A, toa, time="linear", n=19, seed=1, strata=cl)
    assert w.params["strata"] == 20 and w.p_value["network"] > 1 / 20


def test_contagion_test_degenerate_shuffles_are_nan():
    # a single node at risk: every shuffle leaves no variation -> NaN, p counts them as not
    # extreme
    A = np.ones((3, 3))
    toa = pd.Series([1, 2, np.nan])
    r = inn.contagion_test(A, toa, time="none", n=5, seed=0, population=[1])
    assert r.null["network"].isna().all() and np.isnan(r.observed["network"])


def test_innovation_on_contract_graph(toy):
    # every public function accepts the contract graph directly
    assert inn.exposure(toy)["value"].between(0, 1).all()
    assert inn.hazard_rate(toy).loc[1944] == 0
    # 1955: F, G adopt; 8 cities had not adopted by 1954 -> 2/8
    assert inn.hazard_rate(toy).loc[1955] == pytest.approx(2 / 8)
    assert inn.infection(toy).index.tolist() == list(toy.nodes)
    assert inn.moran_by_period(toy).shape == (51, 4)


# ---------------------------------------------------------------------------------------
# part 2: parity with netdiffuseR on medInnovations (real data)

MI = "medinnovations"


@pytest.fixture(scope="module")
def medinnov():
    import os
    from pathlib import Path

    root = Path(os.environ.get("PARADIPLO_SHARED_DATA",
                               Path(__file__).resolve().parent.parent.parent / "shared" / "data"))
    d = root / MI
    if not d.is_dir():
        pytest.skip(f"{d} absent")
    nodes = pd.read_csv(d / "nodes.csv")
    edges = pd.read_csv(d / "edges.csv")
    raw = pd.read_csv(d / "medInnovations.csv")
    pos = {v: i for i, v in enumerate(nodes["id"])}
    W = np.zeros((len(nodes), len(nodes)))
    for ego, alter, w in edges[["ego", "alter", "weight"]].itertuples(index=False):
        W[pos[ego], pos[alter]] = w
    toa = pd.Series(nodes["toa"].to_numpy(), index=nodes["id"])
    return {"nodes": nodes, "edges": edges, "raw": raw, "W": W, "toa": toa,
            "panel": inn.diffusion_panel(sp.csr_matrix(W), toa)}


def naive_exposure(W, toa, *, valued=False, outgoing=True, normalized=True):
    """netdiffuseR R/stats.R .exposure: (S a_t) / (S 1 + 1e-20), loops over i, j, t."""
    S = W.copy() if valued else (W != 0).astype(float)
    if not outgoing:
        S = S.T
    n = len(toa)
    periods = range(int(np.nanmin(toa)), int(np.nanmax(toa)) + 1)
    E = np.zeros((n, len(periods)))
    for ti, t in enumerate(periods):
        for i in range(n):
            num = den = 0.0
            for j in range(n):
                if i == j:
                    continue
                num += S[i, j] * (1.0 if toa[j] <= t else 0.0)
                den += S[i, j]
            E[i, ti] = num / (den + 1e-20) if normalized else num
    return E


@pytest.mark.real_data
def test_medinnov_graph_is_netdiffusers(medinnov):
    # survey_to_diffnet(medInnovations, "id", netvars, "toa", "city"): ids become
    # city * 1000 + id, nominations of unsurveyed ids are dropped (no.unsurveyed=TRUE),
    # self-ties dropped (self=FALSE); the value of a tie counts the lists naming the alter
    raw = medinnov["raw"]
    uid = raw["id"] + raw["city"] * 1000
    surveyed = set(uid)
    ties: dict[tuple[int, int], int] = {}
    for k, row in raw.iterrows():
        for c in [c for c in raw.columns if c.startswith("net")]:
            if pd.notna(row[c]):
                alter = int(row[c]) + int(row["city"]) * 1000
                if alter in surveyed and alter != uid[k]:
                    ties[(uid[k], alter)] = ties.get((uid[k], alter), 0) + 1
    e = medinnov["edges"]
    assert ties == {(a, b): w for a, b, w in e[["ego", "alter", "weight"]].itertuples(index=False)}
    assert len(ties) == 294 and medinnov["panel"].n == 125 and medinnov["panel"].T == 18


@pytest.mark.real_data
@pytest.mark.parametrize("opts", [
    {}, {"valued": True}, {"outgoing": False}, {"normalized": False},
])
def test_medinnov_exposure_parity(medinnov, opts):
    E = wide(inn.exposure(medinnov["panel"], **opts))
    ref = naive_exposure(medinnov["W"], medinnov["toa"].to_numpy(), **opts)
    # node order: pivot sorts ids, and nodes.csv is sorted by id
    np.testing.assert_allclose(E, ref, atol=1e-6, rtol=0)


@pytest.mark.real_data
def test_medinnov_lagged_exposure_and_thresholds(medinnov):
    toa = medinnov["toa"].to_numpy()
    ref = naive_exposure(medinnov["W"], toa)
    lag = wide(inn.exposure(medinnov["panel"], lags=1))
    # netdiffuseR's example: exposure(graph)[, -T] == exposure(graph, lags = 1)[, -1]
    np.testing.assert_allclose(lag[:, 1:], ref[:, :-1], atol=1e-12)
    assert np.isnan(lag[:, 0]).all()
    # netdiffuseR threshold(): expo[i, toa[i]] (its code keeps first-period adopters)
    th = inn.threshold(medinnov["panel"], include_censored=True).to_numpy()
    naive = np.array([ref[i, int(toa[i]) - 1] for i in range(len(toa))])
    np.testing.assert_allclose(th, naive, atol=1e-6)
    # documented convention: first-period adopters (11 physicians) censored by default
    th0 = inn.threshold(medinnov["panel"])
    assert th0.isna().sum() == 11 == (toa == 1).sum()
    # the data set's own `thresh` column (Valente 1995): equal for 119 of 125 physicians;
    # the six others adopted in months 1-3 and are coded 0 there
    own = medinnov["nodes"]["thresh"].to_numpy()
    same = np.abs(th - own) < 1e-4
    assert same.sum() == 119 and (toa[~same] <= 3).all() and (own[~same] == 0).all()


@pytest.mark.real_data
def test_medinnov_cumulative_and_hazard_parity(medinnov):
    toa = medinnov["toa"].to_numpy()
    n = len(toa)
    q = [sum(1 for x in toa if x <= t) for t in range(1, 19)]  # cumadopt colSums
    rate = [0.0] + [(q[t] - q[t - 1]) / (q[t - 1] + 1e-15) for t in range(1, 18)]
    haz = [0.0] + [(q[t] - q[t - 1]) / (n - q[t - 1] + 1e-15) for t in range(1, 18)]
    c = inn.cumulative_adoption(medinnov["panel"])
    assert c["num"].tolist() == q
    np.testing.assert_allclose(c["prop"], np.array(q) / 125, atol=1e-12)
    np.testing.assert_allclose(c["rate"], rate, atol=1e-6)
    np.testing.assert_allclose(inn.hazard_rate(medinnov["panel"]), haz, atol=1e-6)
    # hand-derivable pins from the toa counts (11, 9, 9, 11, ... 1, 16 adopters per month):
    # month 2: 9 of the 114 not yet adopted; month 18: the 16 "non-adopters" coded 18
    assert q[:3] == [11, 20, 29] and q[-1] == 125
    assert inn.hazard_rate(medinnov["panel"]).loc[2] == pytest.approx(9 / 114, abs=1e-12)
    assert inn.hazard_rate(medinnov["panel"]).loc[18] == pytest.approx(1.0, abs=1e-12)
    assert c.loc[2, "rate"] == pytest.approx(9 / 11, abs=1e-12)


def naive_bass_optim(prop):
    """netdiffuseR tests/testthat/test-bass.r: optim(L-BFGS-B, lower = 1e-5) of the squared
    error of bass_F with bass_dF's gradient, from c(p = prop[1], q = .5)."""
    from scipy.optimize import minimize

    t = np.arange(1, len(prop) + 1, dtype=float)

    def F(p, q):
        return (1 - np.exp(-(p + q) * t)) / (1 + (q / p) * np.exp(-(p + q) * t))

    def dF(p, q):  # R/bass.r bass_dF
        e = np.exp((p + q) * t)
        return np.vstack([
            e * p**2 * t + q * (e * (1 + p * t) - 1),
            p * (1 + e * (p * t + q * t - 1)),
        ]) / (e * p + q) ** 2

    def obj(b):
        return float(np.sum((prop - F(*b)) ** 2))

    def grad(b):
        return 2 * (dF(*b) * (F(*b) - prop)).sum(axis=1)

    res = minimize(obj, [prop[0], .5], jac=grad, method="L-BFGS-B",
                   bounds=[(1e-5, None), (1e-5, None)], options={"ftol": 1e-15, "gtol": 1e-12})
    return res.x


@pytest.mark.real_data
def test_medinnov_bass_parity(medinnov):
    r = inn.fit_bass(medinnov["panel"], method="netdiffuser")
    prop = np.array([(medinnov["toa"] <= t).mean() for t in range(1, 19)])
    p, q = naive_bass_optim(prop)
    assert r.p == pytest.approx(p, abs=1e-3) and r.q == pytest.approx(q, abs=1e-3)
    # the values themselves (least squares of the cumulative share on F, m = 125)
    assert r.p == pytest.approx(0.090942, abs=1e-3) and r.q == pytest.approx(0.079550, abs=1e-3)
    assert r.m == 125
    np.testing.assert_allclose(r.fitted["observed"], prop, atol=1e-12)


def naive_inverse_geodesic(W, max_steps=6):
    """netdiffuseR approx_geodesic (src/adjmat.cpp) then 1/x: BFS along ties i -> j."""
    n = len(W)
    out = np.zeros((n, n))
    for s in range(n):
        dist = {s: 0}
        todo = deque([s])
        while todo:
            u = todo.popleft()
            for v in np.flatnonzero(W[u]):
                if v not in dist:
                    dist[v] = dist[u] + 1
                    todo.append(v)
        for v, d in dist.items():
            if v != s and d <= max_steps:
                out[s, v] = 1.0 / d
    return out


@pytest.mark.real_data
def test_medinnov_moran_parity(medinnov):
    # netdiffuseR summary.diffnet: moran(cumadopt[, t], 1 / approx_geodesic(graph_t))
    G = naive_inverse_geodesic(medinnov["W"])
    np.testing.assert_allclose(inn.inverse_geodesic(medinnov["W"]).toarray(), G, atol=1e-12)
    m = inn.moran_by_period(medinnov["panel"])
    toa = medinnov["toa"].to_numpy()
    for t in [1, 2, 9, 15, 17, 18]:
        x = (toa <= t).astype(float)
        obs, ei, sd = naive_moran(x, G)
        assert m.loc[t, "moran_obs"] == pytest.approx(obs, abs=1e-6)
        assert m.loc[t, "moran_exp"] == pytest.approx(ei, abs=1e-12)
        if math.isnan(sd):
            assert t == 18 and np.isnan(m.loc[t, "moran_sd"])
        else:
            assert m.loc[t, "moran_sd"] == pytest.approx(sd, abs=1e-6)
    # Moran's I of the adoption month on the same weights
    r = inn.moran_toa(medinnov["panel"], permutations=0)
    obs, ei, sd = naive_moran(toa, G)
    assert r.observed == pytest.approx(obs, abs=1e-6) and r.sd == pytest.approx(sd, abs=1e-6)


def naive_infect_suscept(W, toa, *, infect, K=1, r=.5, expdiscount=False, normalize=True):
    """A line-by-line reading of src/infection.cpp (infection_cpp / susceptibility_cpp)."""
    n, T = len(toa), int(max(toa))
    disc = [(1 + r) ** (k - 1) if expdiscount else k for k in range(1, K + 1)]
    out = np.zeros(n)
    for i in range(n):
        ti = int(toa[i])
        if (infect and ti == T) or (not infect and ti == 1):
            continue
        num = den = nad = 0.0
        for k in range(1, K + 1):
            if infect and ti + k - 1 >= T:
                continue
            if not infect and ti - k + 1 <= 1:
                continue
            for j in range(n):
                if i == j:
                    continue
                tj = int(toa[j])
                tie = W[j, i] != 0 if infect else W[i, j] != 0
                target = ti + k if infect else ti - k
                if tie:
                    if tj == target:
                        num += 1 / disc[k - 1]
                    if (tj >= target) if infect else (tj <= target):
                        den += 1 / disc[k - 1]
                if tj == target:
                    nad += 1 / disc[k - 1]
        out[i] = num / (den + 1e-15)
        if normalize:
            out[i] /= nad + 1e-15
    return out


@pytest.mark.real_data
@pytest.mark.parametrize("opts", [
    {}, {"normalize": False}, {"K": 3}, {"K": 3, "expdiscount": True, "r": .2},
])
def test_medinnov_infection_susceptibility_parity(medinnov, opts):
    W, toa = medinnov["W"], medinnov["toa"].to_numpy()
    for infect, fun in [(True, inn.infection), (False, inn.susceptibility)]:
        ours = fun(medinnov["panel"], **opts).to_numpy()
        ref = naive_infect_suscept(W, toa, infect=infect, **opts)
        np.testing.assert_allclose(ours, ref, atol=1e-6, rtol=0)


@pytest.mark.real_data
def test_medinnov_event_history(medinnov):
    # netdiffuseR's vignette model, network part: adoption on lagged exposure with period
    # fixed effects and city dummies, rows toa >= per (diffreg's subset)
    nodes = medinnov["nodes"].set_index("id")
    cov = nodes[["city"]].astype(str)
    r = inn.event_history(medinnov["panel"], covariates=cov)
    # at risk from month 2 (lag 1): 125 - 11 first-month adopters; month 18 (everyone left
    # "adopts", netdiffuseR's coding of non-adopters) carries no information and is dropped
    assert r.params["left_censored"] == 11 and r.params["dropped_periods"] == [18]
    assert r.n_events == 125 - 11 - 16
    pp = inn.person_period(medinnov["panel"])
    assert len(pp) == sum(int(t) - 1 for t in medinnov["toa"] if t > 1)
    # Coleman, Katz & Menzel / Valente: no exposure effect once time is held fixed
    assert r.table.loc["network", "p_value"] > 0.1
    # the contagion test's fast path fits the same model (month 18 dropped as well)
    c = inn.contagion_test(medinnov["panel"], covariates=cov, n=3, seed=0)
    assert c.observed["network"] == pytest.approx(r.table.loc["network", "coef"], abs=1e-6)


@pytest.mark.real_data
def test_twinning_on_contract_graph_runs_fast(toy):
    # smoke test of the contract path used by scripts/real_innovation.py
    P = inn.diffusion_panel(toy)
    r = inn.contagion_test(P, exposures={"network": None, "geography": inn.geo_weights(P, k=2)},
                           time="linear", n=9, seed=0)
    assert list(r.observed.index) == ["network", "geography"]


def test_public_api_lists():
    assert set(inn.__all__) <= set(dir(inn))
    assert pn.__version__


@pytest.mark.real_data
def test_real_innovation_script_runs(shared_data, monkeypatch, capsys, script):
    if not (shared_data / "de-twintowns-muench" / "partnerstaedte_final.csv").exists():
        pytest.skip("Muench list absent")
    mod = script("real_innovation")
    monkeypatch.setattr(mod, "MUENCH", shared_data / "de-twintowns-muench"
                        / "partnerstaedte_final.csv")
    monkeypatch.setattr("sys.argv", ["real_innovation.py", "--reps", "2"])
    assert mod.main() == 0
    out = capsys.readouterr().out
    assert "Moran's I of adoption year" in out and "Land fixed effects" in out
    assert "Odds of adopting per +10 points of exposure" in out


def test_fit_bass_ols_bass_1969():
    # data from the discrete Bass recursion n_t = (p + q N_{t-1} / m)(m - N_{t-1}) with
    # p = .02, q = .4, m = 10^6, rounded to whole adopters: OLS of n_t on 1, N, N^2 is
    # exact up to rounding, so (p, q, m) come back to 1e-4 relative
    p, q, m = .02, .4, 1_000_000
    N, new = 0.0, []
    for _ in range(15):
        k = round((p + q * N / m) * (m - N))
        new.append(k)
        N += k
    toa = pd.Series(np.repeat(np.arange(1, 16), new))
    r = inn.fit_bass(toa, method="ols")
    assert r.p == pytest.approx(p, rel=1e-3) and r.q == pytest.approx(q, rel=1e-3)
    assert r.m == pytest.approx(m, rel=1e-3) and r.params["converged"]
    lo, hi = r.table.loc["m", ["ci_low", "ci_high"]]
    assert lo <= r.m <= hi
    # a curve still accelerating at the end has no finite m under OLS (c >= 0): NaN
    grow = pd.Series(np.repeat(np.arange(1, 6), [1, 2, 4, 8, 16]))
    g = inn.fit_bass(grow, method="ols")
    assert np.isnan(g.m) and not g.params["converged"]
