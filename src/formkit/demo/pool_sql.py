"""Demo pool SQL: the set-based DuckDB statements that generate each table of the demo pool.

Fixed generator text only: every value spliced in here is an int, a float or a string from
demo_pool_data (quoted by :func:`lit`); no template or user text ever reaches this module.
Randomness is a hash of the row's key mixed with (seed, salt): a row's values depend only on
its key and the seed, never on threads or on the order rows are produced in.
Columns are computed in stacked projections (one subquery per dependency level).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from formkit.demo import pool_data as data

ID_WEIGHTS = data.ID_WEIGHTS
ID_CHECK = "10X98765432"
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
SLOTS_PER_SEX = 365 * 500  # (day of the age year, sequence number) pairs of one age and sex
SLOT_STEP = 104_729  # a prime coprime to SLOTS_PER_SEX: a bijection of the slots

Layer = Mapping[str, str]


def lit(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def lst(values: Iterable[str | int | float]) -> str:
    """A SQL list literal of strings or numbers."""
    return "[" + ", ".join(lit(v) if isinstance(v, str) else repr(v) for v in values) + "]"


def day(value: object) -> str:
    return f"DATE '{value}'"


AS_OF = day(data.AS_OF)
DEC = "DECIMAL(38,10)"


@dataclass(frozen=True)
class Rand:
    """Deterministic pseudo-random numbers for one row, keyed by a SQL expression.

    Stream `salt` is hash(hash(key) XOR c), c a constant spread from (seed, salt). (DuckDB's
    many-argument hash(key, seed, salt) is not used: its streams are strongly correlated.)
    """

    key: str
    seed: int

    def h(self, salt: int) -> str:
        c = data.mix64(self.seed * 1_000_003 + salt)
        return f"hash(xor(hash({self.key}), {c}::UBIGINT))"

    def u(self, salt: int) -> str:
        """Uniform in [0, 1)."""
        return f"(({self.h(salt)} >> 11)::DOUBLE * 1.1102230246251565e-16)"

    def mod(self, salt: int, n: int | str) -> str:
        """Uniform integer in [0, n), in BIGINT (UBIGINT % INTEGER would go through HUGEINT)."""
        return f"(({self.h(salt)} >> 1)::BIGINT % {n})"

    def between(self, salt: int, lo: int, hi: int) -> str:
        return f"({lo} + {self.mod(salt, hi - lo + 1)})"

    def pick(self, values: Sequence[str | int | float], salt: int) -> str:
        return f"{lst(values)}[1 + {self.mod(salt, len(values))}]"

    def two_of(self, chars: str, salt: int) -> str:
        """Two different characters of `chars` (a shop name's 字号)."""
        n = len(chars)
        i = self.mod(salt, n)
        second = f"({i} + 1 + {self.mod(salt + 1, n - 1)}) % {n}"
        return f"{lst(chars)}[1 + {i}] || {lst(chars)}[1 + {second}]"

    def weighted(self, weights: data.Weights, salt: int) -> str:
        """One of the values, chosen in proportion to its weight: a CASE tree over a uniform
        number, split where the weight halves (few comparisons, and no long list literal)."""
        values = [lit(v) if isinstance(v, str) else str(v) for v, _ in weights]
        cum = [0.0]
        for _, w in weights:
            cum.append(cum[-1] + w)
        u = self.u(salt)

        def tree(lo: int, hi: int) -> str:  # values lo … hi
            if lo == hi:
                return values[lo]
            half = (cum[lo] + cum[hi + 1]) / 2
            mid = min(max(lo + 1, next(i for i in range(lo + 1, hi + 1) if cum[i + 1] > half)), hi)
            return f"CASE WHEN {u} < {cum[mid] / cum[-1]!r} THEN {tree(lo, mid - 1)} ELSE {tree(mid, hi)} END"

        return tree(0, len(values) - 1)

    def chance(self, salt: int, p: str | float) -> str:
        return f"({self.u(salt)} < {p})"


def stack(source: str, layers: Sequence[Layer]) -> str:
    """Each layer adds columns computed from the columns of the layers before it."""
    sql = source
    for layer in layers:
        cols = ", ".join(f"{expr} AS {name}" for name, expr in layer.items())
        sql = f"SELECT t.*, {cols} FROM ({sql}) t"
    return sql


def digit_sum(expr: str, weights: Sequence[int]) -> str:
    """Σ weight × digit over the decimal digits of an integer with exactly len(weights) digits."""
    n = len(weights)
    return " + ".join(f"{w} * ({expr} // {10 ** (n - 1 - i)} % 10)" for i, w in enumerate(weights))


def person_name(r: Rand, male: str, era_expr: str, salt: int) -> str:
    """Surname (weighted like real frequencies) + one or two characters chosen by sex and era."""
    lists = [[*data.GIVEN_MALE[e]] for e in range(4)] + [[*data.GIVEN_FEMALE[e]] for e in range(4)]
    nested = "[" + ", ".join(lst(x) for x in lists) + "]"
    chars = f"{nested}[1 + {era_expr} + CASE WHEN {male} THEN 0 ELSE 4 END]"
    c1 = f"{chars}[1 + {r.mod(salt + 1, f'len({chars})')}]"
    c2 = f"{chars}[1 + {r.mod(salt + 2, f'len({chars})')}]"
    second = f"CASE WHEN {r.chance(salt + 3, 0.22)} THEN '' ELSE {c2} END"
    return f"({r.weighted(data.SURNAMES, salt)} || {c1} || {second})"


def phone(r: Rand, salt: int) -> str:
    prefixes = [int(p) * 100_000_000 for p in data.PHONE_PREFIXES]
    return f"({r.pick(prefixes, salt)} + {r.mod(salt + 1, 100_000_000)})::VARCHAR"


# -- person --------------------------------------------------------------------------------


@dataclass(frozen=True)
class People:
    """The city-wide placement of ages, sexes and ID slots (see demo_pool._people)."""

    n: int
    perm_a: int
    perm_b: int
    gstart: list[int]  # first position of each age group, ages 0 … 105
    nmale: list[int]  # men in each age group
    slot_offset: int


def person_source(pp: People, first: int, stop: int) -> str:
    """One row per person of communities first … stop-1: j (0 … n-1, in community order), their
    community and their position p."""
    pos = f"((b.j * {pp.perm_a} + {pp.perm_b}) % {pp.n})"
    return (
        f"SELECT c.code, c.region, c.rsum, c.addr1, c.addr2, c.addr3, c.n_grids, c.urban, b.j, {pos} AS p "
        f"FROM _fk_pbase b JOIN _fk_comm c ON c.cidx = b.cidx WHERE b.cidx >= {first} AND b.cidx < {stop}"
    )


def age_of(pos: str, gstart: Sequence[int], lo: int = 0, hi: int | None = None) -> str:
    """The age whose group [gstart[a], gstart[a+1]) holds the position: a balanced CASE tree
    (a few comparisons per row; a big lookup list would be copied for every vector)."""
    hi = len(gstart) - 2 if hi is None else hi
    if lo == hi:
        return str(lo)
    mid = (lo + hi + 1) // 2
    low, high = age_of(pos, gstart, lo, mid - 1), age_of(pos, gstart, mid, hi)
    return f"CASE WHEN {pos} < {gstart[mid]} THEN {low} ELSE {high} END"


def person_layers(pp: People, seed: int) -> list[dict[str, str]]:
    """The person table, layer by layer; the last layer names the pool's columns."""
    r = Rand("j", seed)
    hk_codes = [h[1] for h in data.HUKOU]
    hk_bucket = data.expand(tuple((h[0], h[2]) for h in data.HUKOU))
    local = f"({lst(hk_codes)}[hk + 1] = 0)"
    year = data.AS_OF.year
    slot = f"((CASE WHEN o < nm THEN o ELSE o - nm END) * {SLOT_STEP} + {pp.slot_offset}) % {SLOTS_PER_SEX}"
    return [
        {"age": age_of("p", pp.gstart)},
        {"o": f"p - {lst(pp.gstart)}[age + 1]", "nm": f"{lst(pp.nmale)}[age + 1]"},
        {"male": "o < nm", "slot": slot},
        {
            "d": "(slot % 365)::INTEGER",
            "seq": "2 * (slot // 365) + CASE WHEN male THEN 1 ELSE 0 END",
            "leap": f"(({year} - age) % 4 = 0 AND (({year} - age) % 100 <> 0 OR ({year} - age) % 400 = 0))",
            "hk": f"{lst(hk_bucket)}[1 + {r.mod(14, len(hk_bucket))}]",
            "dis": r.chance(21, _by_age({18: 0.012, 45: 0.022, 60: 0.04, 80: 0.075}, 0.14)),
            "retiree": (
                f"(CASE WHEN age >= CASE WHEN male THEN 60 ELSE 55 END THEN {r.chance(17, 0.78)} "
                f"WHEN NOT male AND age >= 50 THEN {r.chance(17, 0.35)} ELSE false END)"
            ),
            "u25": r.u(25),
        },
        _id_parts(local),
        {
            "dlevel": f"CASE WHEN dis THEN {r.weighted(data.DISABILITY_LEVELS, 22)} END",
            "cert": f"CASE WHEN dis THEN {r.weighted(data.CERT_STATUS, 24)} END",
            "econ": (
                "CASE WHEN dis THEN CASE WHEN u25 < 0.14 THEN 'dibao' WHEN u25 < 0.20 THEN 'dibian' "
                "WHEN u25 < 0.24 AND age >= 18 THEN 'tekun' ELSE 'normal' END "
                "ELSE CASE WHEN u25 < 0.008 THEN 'dibao' WHEN u25 < 0.012 THEN 'dibian' "
                "WHEN u25 < 0.015 AND (age >= 60 OR age < 16) THEN 'tekun' ELSE 'normal' END END"
            ),
        },
        {**_person_identity(r, pp, local), **_person_tags(r)},
    ]


def _by_age(upto: Mapping[int, float], rest: float) -> str:
    """A probability by age band: {18: p} means p below 18."""
    return "CASE " + " ".join(f"WHEN age < {a} THEN {p}" for a, p in upto.items()) + f" ELSE {rest} END"


def _id_parts(local: str) -> dict[str, str]:
    """Birth year and month-day (from the age and the day slot; leap years have their own
    table), the ID region (own district for local hukou, else the hukou province's code)."""
    hk_codes = [h[1] for h in data.HUKOU]
    mmdd, yoff = data.birthday_tables()
    at = "1 + d + CASE WHEN leap THEN 365 ELSE 0 END"
    return {
        "y": f"{data.AS_OF.year} - age + {lst(yoff)}[{at}]",
        "md": f"{lst(mmdd)}[{at}]",
        "reg": f"CASE WHEN {local} THEN region ELSE {lst(hk_codes)}[hk + 1] END::BIGINT",
        "rs": f"CASE WHEN {local} THEN rsum ELSE {lst([data.region_sum(c) for c in hk_codes])}[hk + 1] END",
    }


def _person_identity(r: Rand, pp: People, local: str) -> dict[str, str]:
    """Key, org, name, ID number (checksum added up from its parts), contact, birth, hukou."""
    w = ID_WEIGHTS
    total = " + ".join([
        "rs",
        f"{w[6]} * (y // 1000) + {w[7]} * (y // 100 % 10) + {w[8]} * (y // 10 % 10) + {w[9]} * (y % 10)",
        f"{w[10]} * (md // 1000) + {w[11]} * (md // 100 % 10) + {w[12]} * (md // 10 % 10) + {w[13]} * (md % 10)",
        f"{w[14]} * (seq // 100) + {w[15]} * (seq // 10 % 10) + {w[16]} * (seq % 10)",
    ])
    anchors = "[" + ", ".join(day(data.AS_OF.replace(year=data.AS_OF.year - a)) for a in range(len(pp.nmale))) + "]"
    house = r.pick([f"{n}号" for n in range(1, 121)], 9)
    unit = r.pick([f"{b}号楼{u}单元" for b in range(1, 25) for u in range(1, 5)], 10)
    room = r.pick([f"{f}0{n}室" for f in range(1, 19) for n in range(1, 5)], 11)
    farm = r.pick([f"{n}号" for n in range(1, 301)], 9)
    return {
        "id": "'P' || lpad((j + 1)::VARCHAR, 8, '0')",
        "community_code": "code",
        "grid_code": f"(code::BIGINT * 1000 + 1 + {r.mod(1, 'n_grids')})::VARCHAR",
        "name": person_name(r, "male", era_by_age("age"), 2),
        "id_card": f"(reg * 100000000000 + (y * 10000 + md)::BIGINT * 1000 + seq)::VARCHAR || "
        f"{lit(ID_CHECK)}[1 + ({total}) % 11]",
        "phone": f"CASE WHEN age >= 14 THEN {phone(r, 6)} END",
        "address": f"CASE {r.mod(8, 3)} WHEN 0 THEN addr1 WHEN 1 THEN addr2 ELSE addr3 END || "
        f"CASE WHEN urban THEN {house} || {unit} || {room} ELSE {farm} END",
        "sex": "CASE WHEN male THEN 'M' ELSE 'F' END",
        "birth_date": f"{anchors}[age + 1] - d",
        "ethnicity": r.weighted(data.ETHNICITIES, 15),
        "hukou_province": f"{lst([h[0] for h in data.HUKOU])}[hk + 1]",
        "is_local_hukou": local,
    }


def _person_tags(r: Rand) -> dict[str, str]:
    """Party, veteran, retiree, living alone, insurance, employment, disability, subsidies."""
    uninsured = "CASE WHEN age < 1 THEN 0.15 WHEN age BETWEEN 18 AND 45 THEN 0.07 ELSE 0.03 END"
    nursing = f"(cert = 'valid' AND {r.u(27)} < 0.96) OR (cert = 'expired' AND {r.u(27)} < 0.3)"
    living = f"dis AND econ IN ('dibao', 'dibian') AND cert = 'valid' AND {r.u(28)} < 0.95"
    return {
        "is_party_member": r.chance(16, _by_age({18: 0, 35: 0.07, 60: 0.09}, 0.12)),
        "is_veteran": r.chance(18, "CASE WHEN age < 20 THEN 0 WHEN male THEN 0.045 ELSE 0.003 END"),
        "is_retiree": "retiree",
        "lives_alone": r.chance(19, _by_age({25: 0, 60: 0.04, 80: 0.10}, 0.16)),
        "insured": f"NOT {r.chance(20, uninsured)}",
        "employment_status": _employment(r.u(26)),
        "disability_level": "dlevel",
        "disability_type": f"CASE WHEN dis THEN {r.weighted(data.DISABILITY_TYPES, 23)} END",
        "disability_cert_status": "cert",
        "household_econ": "econ",
        "nursing_subsidy_paid": (
            f"CASE WHEN dlevel <= 2 AND ({nursing}) THEN CASE dlevel WHEN 1 THEN 150 ELSE 100 END END"
        ),
        "living_subsidy_paid": f"CASE WHEN {living} THEN CASE econ WHEN 'dibao' THEN 100 ELSE 80 END END",
    }


def era_by_age(age: str) -> str:
    """Birth era (for given names) from the age: before 1960, 1960-79, 1980-99, 2000 on."""
    y0, y1, y2 = (data.AS_OF.year - y for y in data.ERA_YEARS)
    return f"(CASE WHEN {age} > {y0} THEN 0 WHEN {age} > {y1} THEN 1 WHEN {age} > {y2} THEN 2 ELSE 3 END)"


def _employment(u: str) -> str:
    return (
        "CASE WHEN retiree THEN 'retired' WHEN age < 6 THEN 'other' WHEN age < 18 THEN 'student' "
        f"WHEN age < 23 THEN CASE WHEN {u} < 0.65 THEN 'student' WHEN {u} < 0.83 THEN 'employed' "
        f"WHEN {u} < 0.91 THEN 'flexible' WHEN {u} < 0.95 THEN 'unemployed' ELSE 'other' END "
        f"WHEN age < 60 THEN CASE WHEN {u} < 0.62 THEN 'employed' WHEN {u} < 0.80 THEN 'flexible' "
        f"WHEN {u} < 0.85 THEN 'unemployed' ELSE 'other' END "
        f"WHEN age < 70 THEN CASE WHEN {u} < 0.10 THEN 'employed' WHEN {u} < 0.30 THEN 'flexible' ELSE 'other' END "
        "ELSE 'other' END"
    )


# -- enterprise ----------------------------------------------------------------------------

ENTERPRISE_SOURCE = (
    "SELECT c.code, c.region, c.dname, c.cidx, unnest(range(c.e_start, c.e_start + c.n_ent)) AS j "
    "FROM _fk_comm c"
)


def enterprise_layers(seed: int, labels: Mapping[str, str]) -> list[dict[str, str]]:
    """The staging columns of enterprise (and of medical_device_enterprise, which picks from it).

    `labels` names the GB/T 4754 sections (the pool's choice labels where it has them). The
    credit code is GB 32100: 9 1 + region + a GB 11714 organisation code (8 digits, unique per
    enterprise, + check) + a mod-31 check character.
    """
    r = Rand("j", seed)
    keys = list(data.INDUSTRIES)
    names = [labels.get(k, data.INDUSTRIES[k][0]) for k in keys]
    bucket = data.expand(tuple((k, w) for k, (_, w, _) in data.INDUSTRIES.items()), 100)
    words = "[" + ", ".join(lst(w) for _, _, w in data.INDUSTRIES.values()) + "]"
    uscc = f"9 * 1 + 1 * 3 + {digit_sum('region', USCC_WEIGHTS[2:8])} + {digit_sum('body', USCC_WEIGHTS[8:16])}"
    return [
        {
            "ind": f"{lst(bucket)}[1 + {r.mod(1, 100)}]",
            "body": f"(10000000 + (j * 7919 + {r.mod(40, 1000)}) % 90000000)",  # distinct for every j
        },
        {
            "is_md": f"(ind = {keys.index('C')} AND {r.chance(2, 0.015)})",
            "c9": f"(11 - ({digit_sum('body', ORG_WEIGHTS)}) % 11)",
        },
        {
            "w": f"CASE WHEN is_md THEN {lst(data.MEDICAL_WORDS)} ELSE {words}[ind + 1] END",
            "c9v": "CASE c9 WHEN 10 THEN 29 WHEN 11 THEN 0 ELSE c9 END",  # its value among USCC_CHARS
            "est": (
                f"CASE WHEN {r.u(3)} < CASE WHEN is_md THEN 0.95 ELSE 0.88 END THEN 'operating' "
                f"WHEN {r.u(3)} < 0.97 THEN 'cancelled' ELSE 'revoked' END"
            ),
        },
        {
            "id": "'E' || lpad((j + 1)::VARCHAR, 7, '0')",
            "community_code": "code",
            "name": (
                f"CASE WHEN {r.chance(4, 0.7)} THEN '示范市' ELSE dname END || {r.two_of(data.BRAND, 5)} || "
                f"w[1 + {r.mod(7, 'len(w)')}] || {r.weighted(data.COMPANY_SUFFIX, 8)}"
            ),
            "credit_code": (
                "'91' || region::VARCHAR || body::VARCHAR || CASE c9v WHEN 29 THEN 'X' ELSE c9v::VARCHAR END || "
                f"{lit(USCC_CHARS)}[1 + (31 - ({uscc} + 28 * c9v) % 31) % 31]"
            ),
            "industry": f"{lst(names)}[ind + 1]",
            "industry_code": f"{lst(keys)}[ind + 1]",
            "employees": (  # log-normal: median ≈ 4 (7 in industry and building), 0.5 % ≥ 100 …
                f"CASE WHEN is_md THEN 10 + floor(pow({r.u(9)}, 2) * 290) ELSE least(20000, greatest(1, round(exp("
                f"CASE WHEN ind IN ({keys.index('C')}, {keys.index('E')}) THEN 1.9 ELSE 1.3 END + 1.3 * "
                f"sqrt(-2 * ln(1 - {r.u(9)})) * cos(2 * pi() * {r.u(12)}))))) END"
            ),
            "registered_capital": r.weighted(data.CAPITAL, 10),
            "established_date": f"{AS_OF} - (30 + floor(pow({r.u(11)}, 1.6) * 36 * 365))::INTEGER",
            "status": "est",
        },
    ]


def medical_layers(seed: int) -> list[dict[str, str]]:
    """Medical-device manufacturers: the enterprises flagged is_md (manufacturers, section C)."""
    r = Rand("j", seed)
    number = f"{r.between(22, 2015, 2026)} || lpad({r.between(23, 1, 9999)}::VARCHAR, 4, '0') || '号'"
    products = f"1 + floor(pow({r.u(25)}, 2) * CASE risk WHEN 'I' THEN 20 WHEN 'II' THEN 30 ELSE 10 END)"
    last_year = day(data.AS_OF.replace(year=data.AS_OF.year - 1, month=1, day=1))
    return [
        {"risk": f"CASE WHEN {r.u(20)} < 0.45 THEN 'I' WHEN {r.u(20)} < 0.90 THEN 'II' ELSE 'III' END"},
        {
            "id": "'M' || lpad(row_number() OVER (ORDER BY community_code, id)::VARCHAR, 5, '0')",
            "community_code": "community_code",
            "enterprise_id": "id",
            "name": "name",
            "credit_code": "credit_code",
            "employees": "employees",
            "risk_class": "risk",
            "license_no": f"CASE risk WHEN 'I' THEN '鲁烟药监械生产备' ELSE '鲁药监械生产许' END || {number}",
            "license_valid_until": f"CASE WHEN risk <> 'I' THEN {AS_OF} + ({r.between(24, -60, 1765)})::INTEGER END",
            "product_count": products,
            "is_key_supervision": f"risk = 'III' OR (risk = 'II' AND {r.chance(26, 0.3)}) OR {r.chance(26, 0.01)}",
            "production_status": (
                f"CASE WHEN status <> 'operating' THEN 'closed' WHEN {r.chance(27, 0.88)} THEN 'producing' "
                "ELSE 'suspended' END"
            ),
            "last_inspected_date": (
                f"CASE WHEN {r.u(28)} < 0.70 THEN {AS_OF} - {r.between(29, 1, 290)}::INTEGER "
                f"WHEN {r.u(28)} < 0.92 THEN {last_year} + {r.mod(29, 365)}::INTEGER END"
            ),
        },
    ]


# -- elderly facilities --------------------------------------------------------------------

RESIDENTIAL = "type IN ('nursing_home', 'care_home')"


def facility_source(seed: int) -> str:
    """Up to six facility slots per community, and a service centre in a street's first one."""
    types = [t for t, _ in data.FACILITY_SLOTS] + ["service_center"]
    probs = [p for _, p in data.FACILITY_SLOTS] + [0.9]
    r = Rand("(cidx * 10 + slot)", seed)
    n = len(data.FACILITY_SLOTS)
    return (
        f"SELECT c.*, s.slot, {lst(types)}[s.slot + 1] AS type, (cidx * 10 + slot) AS k "
        f"FROM _fk_comm c CROSS JOIN range({n + 1}) s(slot) "
        f"WHERE (s.slot < {n} OR c.first_in_street) AND {r.u(1)} < {lst(probs)}[s.slot + 1]"
    )


def _by_type(cases: Mapping[str, str], default: str = "NULL") -> str:
    return "CASE type " + " ".join(f"WHEN '{t}' THEN {v}" for t, v in cases.items()) + f" ELSE {default} END"


def facility_layers(seed: int) -> list[dict[str, str]]:
    """Beds for residential care, capacity for day care and meals; staff ⊇ nurses ⊇ certified."""
    r = Rand("k", seed)
    home = (
        f"CASE WHEN {r.chance(3, 0.5)} THEN dname ELSE '示范市' END || {r.two_of(data.BRAND, 4)} || "
        f"{r.pick(data.HOME_NAMES, 6)}"
    )
    care = f"floor(staff_x * (0.45 + 0.2 * {r.u(12)}))"
    return [
        {
            "status": (
                f"CASE WHEN {r.u(7)} < 0.92 THEN 'operating' WHEN {r.u(7)} < 0.97 THEN 'suspended' ELSE 'closed' END"
            ),
            "bed_n": _by_type(
                {"nursing_home": f"50 + floor(pow({r.u(8)}, 1.5) * 350)", "care_home": r.between(8, 10, 49)}
            ),
            "staff_n": _by_type({
                "day_care": r.between(9, 3, 10), "canteen": r.between(9, 4, 12), "meal_point": r.between(9, 1, 4),
                "service_center": r.between(9, 8, 25),
            }),
        },
        {
            "staff_x": (
                f"CASE WHEN {RESIDENTIAL} THEN greatest(3, floor(bed_n * (0.2 + 0.25 * {r.u(10)}))) ELSE staff_n END"
            ),
            "occ": (
                f"CASE WHEN {RESIDENTIAL} THEN CASE status "
                f"WHEN 'operating' THEN floor(bed_n * (0.45 + 0.5 * {r.u(11)})) "
                f"WHEN 'suspended' THEN floor(bed_n * 0.3 * {r.u(11)}) ELSE 0 END END"
            ),
        },
        {"nurse_n": _by_type({"nursing_home": care, "care_home": care, "day_care": "floor(staff_x * 0.4)",
                              "service_center": "floor(staff_x * 0.3)"}, "0")},
        {
            "id": "'F' || lpad(row_number() OVER (ORDER BY code, slot)::VARCHAR, 6, '0')",
            "community_code": "code",
            "name": _by_type({
                "day_care": "cname || '日间照料中心'", "meal_point": "cname || '助餐点'",
                "canteen": "cname || '长者食堂'",
                "care_home": "sname || '长者照护之家'", "service_center": "sname || '综合为老服务中心'",
            }, home),
            "type": "type",
            "operator_type": (
                f"CASE WHEN type = 'nursing_home' THEN CASE WHEN {r.u(2)} < 0.3 THEN 'public' WHEN {r.u(2)} < 0.6 "
                f"THEN 'public_private' ELSE 'private' END WHEN {r.u(2)} < 0.3 THEN 'public' "
                f"WHEN {r.u(2)} < 0.9 THEN 'public_private' ELSE 'private' END"
            ),
            "status": "status",
            "beds": "bed_n",
            "nursing_beds": f"CASE WHEN {RESIDENTIAL} THEN floor(bed_n * (0.4 + 0.45 * {r.u(13)})) END",
            "occupied_beds": "occ",
            "capacity": _by_type({
                "day_care": r.between(14, 20, 80), "canteen": r.between(14, 100, 400),
                "meal_point": r.between(14, 30, 150), "service_center": r.between(14, 50, 200),
            }),
            "staff": "staff_x",
            "nurses": "nurse_n",
            "certified_nurses": f"floor(nurse_n * (0.5 + 0.45 * {r.u(15)}))",
            "medical_integrated": r.chance(16, _by_type(
                {"nursing_home": "0.45", "care_home": "0.3", "day_care": "0.1", "service_center": "0.4"}, "0")),
            "area_sqm": "round(" + _by_type({
                "nursing_home": f"bed_n * (30 + 20 * {r.u(17)})", "care_home": f"bed_n * (30 + 15 * {r.u(17)})",
                "day_care": f"200 + 600 * {r.u(17)}", "canteen": f"150 + 350 * {r.u(17)}",
                "meal_point": f"30 + 90 * {r.u(17)}", "service_center": f"1000 + 2000 * {r.u(17)}",
            }) + ", 2)",
            "opened_date": f"{AS_OF} - (30 + floor({r.u(18)} * 365 * " + _by_type(
                {"nursing_home": "25", "care_home": "10", "day_care": "12", "canteen": "6", "meal_point": "5"}, "8",
            ) + "))::INTEGER",
        },
    ]


# -- assistance recipients -----------------------------------------------------------------


def recipient_source(seed: int, person: str) -> str:
    """Adults of dibao/dibian/tekun households: every tekun person, about half of the others
    (one head per household)."""
    r = Rand("id", seed)
    return (
        f"SELECT * FROM {person} WHERE household_econ IN ('dibao', 'dibian', 'tekun') "
        f"AND birth_date <= {AS_OF} - INTERVAL 18 YEAR AND (household_econ = 'tekun' OR {r.chance(1, 0.55)})"
    )


def recipient_layers(seed: int, warnings: Mapping[str, int]) -> list[dict[str, str]]:
    """Recipients with the registry comparison. The first `warnings` active recipients in a
    hash order get exactly one recent event after their start date (the sentinel's warnings);
    some others carry an older marriage (before the start: no warning); suspended and
    terminated recipients carry the events that stopped them."""
    r = Rand("pid", seed)
    kd, km, kg = warnings["death"], warnings["marriage"], warnings["migration"]
    recent = f"{AS_OF} - floor({r.u(7)} * least(240, {AS_OF} - start))::INTEGER"
    anytime = f"start + 1 + floor({r.u(7)} * ({AS_OF} - start - 1))::INTEGER"
    u8 = r.u(8)
    amount = (
        f"CASE cat WHEN 'dibao' THEN size * {r.between(11, 380, 950)} WHEN 'tekun' THEN {r.between(11, 1320, 1560)} "
        f"ELSE {r.between(11, 150, 400)} END"
    )
    return [
        {
            "pid": "id",
            "cat": "household_econ",
            "st": (
                f"CASE WHEN {r.u(3)} < 0.87 THEN 'active' WHEN {r.u(3)} < 0.90 THEN 'suspended' ELSE 'terminated' END"
            ),
            "start": f"{AS_OF} - (60 + floor(pow({r.u(4)}, 1.3) * 14 * 365))::INTEGER",
            "size": f"CASE WHEN household_econ = 'tekun' THEN 1 ELSE 1 + floor(pow({r.u(5)}, 1.5) * 4)::INTEGER END",
        },
        {"rk": (
            f"CASE WHEN st = 'active' THEN row_number() OVER (PARTITION BY st = 'active' ORDER BY {r.h(6)}, id) END"
        )},
        {
            "kind": (
                f"CASE WHEN rk <= {kd} THEN 'death' WHEN rk <= {kd + km} THEN 'marriage' "
                f"WHEN rk <= {kd + km + kg} THEN 'migration' "
                f"WHEN st = 'suspended' THEN CASE WHEN {u8} < 0.15 THEN 'death' WHEN {u8} < 0.3 THEN 'marriage' "
                f"WHEN {u8} < 0.4 THEN 'migration' END "
                f"WHEN st = 'terminated' THEN CASE WHEN {u8} < 0.3 THEN 'death' WHEN {u8} < 0.5 THEN 'migration' "
                f"WHEN {u8} < 0.6 THEN 'marriage' END END"
            ),
        },
        {"ev": f"CASE WHEN st = 'terminated' THEN {anytime} ELSE {recent} END"},
        {"mdate": (
            f"CASE WHEN kind = 'marriage' THEN ev WHEN {r.chance(9, 0.12)} "
            f"THEN start - {r.between(10, 30, 7000)}::INTEGER END"
        )},
        {
            "id": "'A' || lpad(row_number() OVER (ORDER BY community_code, pid)::VARCHAR, 7, '0')",
            "community_code": "community_code",
            "person_id": "pid",
            "name": "name",
            "id_card": "id_card",
            "phone": "phone",
            "address": "address",
            "category": "cat",
            "household_size": "size",
            "monthly_amount": amount,
            "start_date": "start",
            "status": "st",
            "death_date": "CASE WHEN kind = 'death' THEN ev END",
            "marriage_date": "mdate",
            "marriage_event": (
                f"CASE WHEN mdate IS NOT NULL THEN CASE WHEN {r.chance(12, 0.6)} THEN 'married' ELSE 'divorced' END END"
            ),
            "moved_out_date": "CASE WHEN kind = 'migration' THEN ev END",
            "moved_to": f"CASE WHEN kind = 'migration' THEN {r.pick(data.MOVED_TO, 13)} END",
        },
    ]


# -- grid workers --------------------------------------------------------------------------


def worker_source(seed: int) -> str:
    """A full-time worker on every grid, a part-time one on about 30 % of them."""
    r = Rand("(gidx * 2 + slot)", seed)
    return (
        "SELECT g.*, s.slot, (gidx * 2 + slot) AS k FROM _fk_grid g CROSS JOIN range(2) s(slot) "
        f"WHERE s.slot = 0 OR {r.u(1)} < 0.3"
    )


def worker_layers(seed: int) -> list[dict[str, str]]:
    r = Rand("k", seed)
    return [
        {"male": f"NOT {r.chance(2, 0.65)}"},
        {
            "id": "'W' || lpad(row_number() OVER (ORDER BY code, slot)::VARCHAR, 6, '0')",
            "community_code": "community_code",
            "grid_code": "code",
            "name": person_name(r, "male", f"CASE WHEN {r.chance(3, 0.6)} THEN 2 ELSE 1 END", 4),
            "phone": phone(r, 8),
            "on_duty": r.chance(10, "CASE WHEN slot = 0 THEN 0.96 ELSE 0.9 END"),
            "full_time": "slot = 0",
            "hired_date": f"{AS_OF} - {r.between(11, 15, 3650)}::INTEGER",
        },
    ]
