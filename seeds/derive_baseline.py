#!/usr/bin/env python3
"""Derive the census table and the baseline figures of the Licheng scenario simulator.

Writes, deterministically (rerunning gives identical bytes):
  seeds/census-2020-estimated.csv  -- estimated population by single year of age and sex at the
                                      7th census (2020-11-01), where the model's history starts
  seeds/baseline.toml              -- scalar baseline figures, each official (as published) or
                                      an explicitly documented estimate

The 2024 table (seeds/baseline-population-2024.csv) is the model's own projection from the census
table, and the hindcast (seeds/hindcast.json) its comparison with what was published; both come
from the engine, so the whole pipeline is, from the repository root:

  python3 seeds/derive_baseline.py
  cargo run --bin licheng -- derive-baseline > seeds/baseline-population-2024.csv
  python3 seeds/derive_baseline.py          # the figures that are read from the 2024 table
  cargo run --bin licheng -- hindcast --format json > seeds/hindcast.json

(tests/integration/hindcast.rs fails when a committed file is not what this gives.)

Python 3.11 or later, standard library only (tomllib).

BASIS.  Everything is on the basis of Licheng District proper, WITHOUT the Quanzhou Economic and
Technological Development Zone (泉州开发区): the work plan is the district government's, and the
Licheng figures that exist for the district (7th census 396,112; 2021 yearbook 39.7万; 2021 birth
and death rates; women aged 15-49 = 10.65万) are all on that basis.

SOURCES.  Every input figure is in seeds/derivation-inputs.toml with its quoted text, source and
confidence (the same quotes are in seeds/baseline.toml and seeds/history.toml, which the page's
sources tab shows, and docs/sources.md lists every public figure found), or comes from the
district work plan seeds/workplan-2025-2028.txt.
Anything not published is an ASSUMPTION and is in that file's [[assumption]] tables.  No estimate
made here is an official statistic.
"""

import math
import os
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
CSV_PATH = os.path.join(HERE, "baseline-population-2024.csv")
CENSUS_CSV_PATH = os.path.join(HERE, "census-2020-estimated.csv")
TOML_PATH = os.path.join(HERE, "baseline.toml")

# =============================================================================================
# 1-2. INPUTS: the published figures and the assumptions, read from seeds/derivation-inputs.toml
# (each with its quoted text, source and confidence, or why it is assumed)
# =============================================================================================

INPUTS_PATH = os.path.join(HERE, "derivation-inputs.toml")


def load_inputs(path):
    """Every value of the inputs file by name (tables of years as {year: value}, lists as tuples)."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    values = {}
    for kind in ("published", "assumption"):
        for group in data[kind]:
            for name, value in group.get("values", {}).items():
                if isinstance(value, dict):
                    value = {int(year): v for year, v in value.items()}
                elif isinstance(value, list):
                    value = tuple(value)
                if name in values:
                    raise SystemExit(f"{path}: {name} is given twice")
                values[name] = value
    return values


# The rest of the script names the inputs as the file does (LICHENG_CENSUS_2020, ...).
globals().update(load_inputs(INPUTS_PATH))

# =============================================================================================
# 3. THE 2024 TOTAL
# =============================================================================================
# Quanzhou 2024 = 888.3万 (2023) + 3.1万 = 891.4万.  Growth 2021->2024 = 891.4/885 = 1.0072316
# (0.24 % a year).  Licheng 2024 = 397,000 x 891.4/885 = 399,870.96 -> 399,871 persons.
QZ_POP_2024_WAN = QZ_POP_WAN[2023] + QZ_POP_CHANGE_2024_WAN
QZ_GROWTH_2021_2024 = QZ_POP_2024_WAN / QZ_POP_WAN[2021]
QZ_GROWTH_ANNUAL_PCT = (QZ_GROWTH_2021_2024 ** (1.0 / 3.0) - 1.0) * 100.0
LICHENG_POP_2021 = int(round(LICHENG_POP_2021_WAN * 10000))
POP_2024_EXACT = LICHENG_POP_2021 * QZ_GROWTH_2021_2024  # the earlier method, for comparison only


def licheng_pop(year):
    """Year-end Licheng population used for birth counts (estimate between published anchors).

    2020: the census (Nov 1); 2021: yearbook 39.7万; 2022-2024: 2021 grown along the Quanzhou
    series (887.9, 888.3, 891.4万); before 2020: census growth 2010->2020 (0.74 %/yr) backwards.
    """
    if year >= 2021:
        qz = QZ_POP_2024_WAN if year >= 2024 else QZ_POP_WAN[year]
        return LICHENG_POP_2021 * qz / QZ_POP_WAN[2021]
    g = (LICHENG_CENSUS_2020 / LICHENG_CENSUS_2010) ** 0.1
    return LICHENG_CENSUS_2020 * g ** (year - 2020)


# =============================================================================================
# 4. LIFE TABLE
# =============================================================================================

def siler_l(k, x):
    infant = SILER_A / SILER_B * (1.0 - math.exp(-SILER_B * x))
    adult = SILER_C * x + SILER_D / SILER_G * (math.exp(SILER_G * x) - 1.0)
    return math.exp(-infant - k * adult)


def siler_person_years(k):
    """L[x], person-years in [x, x+1) for x = 0..129 (radix 1), Simpson's rule as life_table.rs."""
    return [(siler_l(k, x) + 4.0 * siler_l(k, x + 0.5) + siler_l(k, x + 1.0)) / 6.0 for x in range(MAX_AGE)]


def siler_level(e0):
    lo, hi = 0.01, 100.0          # bisection on log k (e0 decreases in k)
    for _ in range(200):
        mid = math.sqrt(lo * hi)
        if sum(siler_person_years(mid)) > e0:
            lo = mid
        else:
            hi = mid
    return math.sqrt(lo * hi)


L_M = siler_person_years(siler_level(E0_MALE))
L_F = siler_person_years(siler_level(E0_FEMALE))
E0_M = sum(L_M)
E0_F = sum(L_F)


def q_of(big_l, x):
    """Probability that someone aged x (in [x, x+1)) dies within a year: 1 - L[x+1]/L[x]."""
    if x + 1 >= MAX_AGE:
        return 1.0
    return 1.0 - big_l[x + 1] / big_l[x]


# =============================================================================================
# 5. THE 2020 CENSUS TABLE (ages 0..99, 100 = 100+), Licheng district proper
# =============================================================================================

def qz_birth_rate_assumed(year):
    if year in QZ_BIRTH_RATE:
        return QZ_BIRTH_RATE[year]
    if year in (2016, 2017):
        return ASSUMED_QZ_BIRTH_RATE_2016_17
    if year <= 2015:
        return ASSUMED_QZ_BIRTH_RATE_EARLY
    raise ValueError(year)


def births_index(year):
    """Relative number of births in a calendar year (Quanzhou rate x Licheng population)."""
    return qz_birth_rate_assumed(year) * licheng_pop(year)


def shape_0_14():
    # Age a on 2020-11-01 = born Nov (2019-a) .. Oct (2020-a): 10/12 of year 2020-a, 2/12 of 2019-a.
    both = [(10.0 / 12.0) * births_index(2020 - a) + (2.0 / 12.0) * births_index(2019 - a)
            for a in range(15)]
    srb = SEX_RATIO_0_14
    return [w * (srb * L_M[a] + L_F[a]) / (srb + 1.0) for a, w in enumerate(both)]


def bump_15_59():
    """Plateau bump over 15..59, zero at both ends (endpoint values removed linearly)."""
    raw = [1.0 / (1.0 + math.exp(-(a - RAMP_CENTRE) / RAMP_SCALE))
           / (1.0 + math.exp((a - DECLINE_CENTRE) / DECLINE_SCALE)) for a in range(15, 60)]
    return [r - (raw[0] * (59 - a) + raw[-1] * (a - 15)) / 44.0 for a, r in zip(range(15, 60), raw)]


def old_components():
    """For ages 60..99 and 100+: (male weight, female weight) before scaling to group shares."""
    pm = SEX_RATIO_60 / (1.0 + SEX_RATIO_60)
    pf = 1.0 - pm
    rows = []
    for a in range(60, 100):
        c = OLD_COHORT_FACTOR ** max(a - 65, 0)
        rows.append((pm * L_M[a] / L_M[60] * c, pf * L_F[a] / L_F[60] * c))
    m = sum(pm * L_M[a] / L_M[60] * OLD_COHORT_FACTOR ** (a - 65) for a in range(100, MAX_AGE))
    f = sum(pf * L_F[a] / L_F[60] * OLD_COHORT_FACTOR ** (a - 65) for a in range(100, MAX_AGE))
    rows.append((m, f))
    return rows


def census_table(share_0_14, old_scale=1.0):
    """Build the 2020 table for a given 0-14 share (percent); 15-59 gets the remainder of the
    non-60+ share; 60-64 and 65+ get Quanzhou's shares times `old_scale`.  Returns (male, female)
    lists of 101."""
    total = float(LICHENG_CENSUS_2020)
    share_60p = QZ_SHARE_60P * old_scale
    share_65p = QZ_SHARE_65P * old_scale
    share_15_59 = (100.0 - share_60p) - share_0_14
    share_60_64 = share_60p - share_65p
    male = [0.0] * 101
    female = [0.0] * 101
    # 0-14
    s = shape_0_14()
    k = total * share_0_14 / 100.0 / sum(s)
    pm = SEX_RATIO_0_14 / (1.0 + SEX_RATIO_0_14)
    for a in range(15):
        male[a] = s[a] * k * pm
        female[a] = s[a] * k * (1.0 - pm)
    # 65+: survival x cohort factor, scaled to the 65+ share
    old = old_components()
    w65 = sum(m + f for m, f in old[5:])
    kk = total * share_65p / 100.0 / w65
    for i in range(5, len(old)):
        male[60 + i] = old[i][0] * kk
        female[60 + i] = old[i][1] * kk
    # 60-64: linear, mean = share / 5, age 64 = JOIN_64_65 x age 65; sexes as the survival weights
    mean_6064 = total * share_60_64 / 100.0 / 5.0
    slope = (JOIN_64_65 * (male[65] + female[65]) - mean_6064) / 2.0
    for a in range(60, 65):
        m, f = old[a - 60]
        t = mean_6064 + slope * (a - 62)
        male[a] = t * m / (m + f)
        female[a] = t * f / (m + f)
    # 15-59: line from the age-14 level to the age-60 level plus the bump, scaled to the share
    work_total = total * share_15_59 / 100.0
    v15 = male[14] + female[14]
    v59 = male[60] + female[60]
    base = [v15 + (v59 - v15) * (a - 15) / 44.0 for a in range(15, 60)]
    bump = bump_15_59()
    amp = (work_total - sum(base)) / sum(bump)
    w = [b + amp * u for b, u in zip(base, bump)]
    # sex ratio of 15-59 (one value) that matches Quanzhou's male share overall
    male_target = total * QZ_MALE_2020 / (QZ_MALE_2020 + QZ_FEMALE_2020)
    male_other = sum(male[a] for a in range(15)) + sum(male[a] for a in range(60, 101))
    pw = (male_target - male_other) / work_total
    for i, v in enumerate(w):
        a = 15 + i
        male[a] = v * pw
        female[a] = v * (1.0 - pw)
    return male, female


def women_15_49(female):
    return sum(female[a] for a in range(15, 50))


def calibrate_share_0_14(old_scale):
    """CALIBRATION: the only published age-sex figure for Licheng proper is women aged 15-49 at
    the census (106,500; 26.9 % of the population against 24.9 % in Quanzhou).  With Quanzhou's
    shares the table gives fewer, so the 0-14 share is lowered (and 15-59 raised by the same
    amount) until the table matches it."""
    if women_15_49(census_table(QZ_SHARE_0_14, old_scale)[1]) >= LICHENG_WOMEN_15_49_2020:
        return QZ_SHARE_0_14
    lo, hi = 5.0, QZ_SHARE_0_14
    for _ in range(60):
        mid = (lo + hi) / 2.0
        if women_15_49(census_table(mid, old_scale)[1]) > LICHENG_WOMEN_15_49_2020:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


def crude_death_rate(male, female):
    """Deaths in a year per thousand under the engine's life table (survival L[x+1]/L[x], the open
    group T[101]/T[100]), as the engine's first full year from the census counts them."""
    deaths = 0.0
    for pop, big_l in ((male, L_M), (female, L_F)):
        for a in range(100):
            deaths += pop[a] * (1.0 - big_l[a + 1] / big_l[a])
        deaths += pop[100] * (1.0 - sum(big_l[101:]) / sum(big_l[100:]))
    return deaths / (sum(male) + sum(female)) * 1000.0


def calibrate_old_scale():
    """CALIBRATION: Licheng's only published figure on its old ages is its death rate, 6.7 per
    mille in 2021 (yearbook 2022, table 3-5).  With Quanzhou's 60+ and 65+ shares the table dies
    at about 5.6 per mille under the model's life table: the old city core is older than the city.
    Both shares are scaled by one factor (with the 0-14 share recalibrated each time) until the
    table's crude death rate is 6.7."""
    lo, hi = 0.8, 2.5
    for _ in range(50):
        mid = (lo + hi) / 2.0
        m, f = census_table(calibrate_share_0_14(mid), mid)
        if crude_death_rate(m, f) < LICHENG_DEATH_RATE_2021:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


OLD_SCALE = calibrate_old_scale()
SHARE_0_14_LICHENG = calibrate_share_0_14(OLD_SCALE)
CENSUS_M, CENSUS_F = census_table(SHARE_0_14_LICHENG, OLD_SCALE)


# =============================================================================================
# 6. THE 2024 TABLE: the model's own projection from the census table (`licheng derive-baseline`,
#    src/scenario/hindcast.rs, with the birth rates and net migration of seeds/history.toml).
#    This script writes the census table; the engine ages it, with the same life table, fertility
#    and migration patterns it projects 2025-2028 with; the figures below are read from its table.
# =============================================================================================

def birth_rate_licheng(year):
    """Licheng crude birth rate (per mille): 2021 published, other years estimated (as in
    seeds/history.toml)."""
    if year == 2020:
        return LICHENG_BIRTH_RATE_2021 * QZ_BIRTH_RATE[2020] / QZ_BIRTH_RATE[2021]
    r2024 = LICHENG_BIRTH_RATE_2021 * FJ_BIRTH_RATE_2024 / QZ_BIRTH_RATE[2021]
    t = (year - 2021) / 3.0
    return LICHENG_BIRTH_RATE_2021 * (r2024 / LICHENG_BIRTH_RATE_2021) ** t


def largest_remainder(values, total):
    floors = [math.floor(v) for v in values]
    rest = total - sum(floors)
    order = sorted(range(len(values)), key=lambda i: (-(values[i] - floors[i]), i))
    for i in order[:rest]:
        floors[i] += 1
    return floors


def read_table(path):
    male, female = [0] * 101, [0] * 101
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("#") or line.startswith("age"):
                continue
            a, m, f = line.split(",")
            male[int(a)], female[int(a)] = int(m), int(f)
    return male, female


POP_M, POP_F = read_table(CSV_PATH)
POP_2024 = sum(POP_M) + sum(POP_F)


def band(lo, hi, m=POP_M, f=POP_F):
    return sum(m[a] + f[a] for a in range(lo, hi + 1))


PUPILS_PRIMARY = band(6, 11)
PUPILS_JUNIOR = band(12, 14)
SHARE_0_14_2024 = band(0, 14) / POP_2024 * 100.0
SHARE_15_64_2024 = band(15, 64) / POP_2024 * 100.0
SHARE_65P_2024 = band(65, 100) / POP_2024 * 100.0
MALE_2024 = sum(POP_M)
FEMALE_2024 = sum(POP_F)
# implied crude death rate of the table under the mortality schedule (diagnostic)
CDR_2024 = sum(POP_M[a] * q_of(L_M, a) + POP_F[a] * q_of(L_F, a) for a in range(101)) / POP_2024 * 1000
WOMEN_15_49_2024 = sum(POP_F[a] for a in range(15, 50))
CENSUS_0_14 = sum(CENSUS_M[a] + CENSUS_F[a] for a in range(15))
LICHENG_BIRTHS_2006_2020 = sum(
    LICHENG_BIRTH_RATE_2021 / QZ_BIRTH_RATE[2021] * qz_birth_rate_assumed(y) / 1000.0 * licheng_pop(y)
    for y in range(2006, 2021))

# =============================================================================================
# 7. SCHOOL CAPACITY 2024 (public places; ESTIMATE, no published figure)
# =============================================================================================
# Public pupils = resident children of primary (6-11) / junior (12-14) age x public share, where
# public share = (1 - migrant share) x 0.95 + migrant share x migrant public share.  Before the
# autumn-2024 openings the stock is taken as equal to public enrolment (the district was adding
# places every year -- +900 in 2023 -- to keep up, so little slack); the 1,000 places opened in
# autumn 2024 are added on top, split 0.62 primary / 0.38 junior like the 2025 programme.  The
# +900 of 2023 is already inside the enrolment-based stock and is not added again.  Rounded to 10.
PUBLIC_SHARE = ((1.0 - MIGRANT_PUPIL_SHARE_PCT / 100.0) * LOCAL_PUBLIC_SHARE
                + MIGRANT_PUPIL_SHARE_PCT / 100.0 * MIGRANT_PUBLIC_SHARE_PCT / 100.0)
PUBLIC_PRIMARY_PUPILS = PUPILS_PRIMARY * PUBLIC_SHARE
PUBLIC_JUNIOR_PUPILS = PUPILS_JUNIOR * PUBLIC_SHARE


def round10(x):
    return int(math.floor(x / 10.0 + 0.5) * 10)


PRIMARY_CAPACITY_2024 = round10(PUBLIC_PRIMARY_PUPILS + PLACES_OPENED_2024 * PRIMARY_SHARE_2025)
JUNIOR_CAPACITY_2024 = round10(PUBLIC_JUNIOR_PUPILS + PLACES_OPENED_2024 * (1.0 - PRIMARY_SHARE_2025))
SPARE_PRIMARY_PCT = (PRIMARY_CAPACITY_2024 / PUBLIC_PRIMARY_PUPILS - 1.0) * 100.0
SPARE_JUNIOR_PCT = (JUNIOR_CAPACITY_2024 / PUBLIC_JUNIOR_PUPILS - 1.0) * 100.0
# cohort-proportional primary share of the compulsory ages, for the 2025 split reasoning
COHORT_PRIMARY_SHARE = PUPILS_PRIMARY / (PUPILS_PRIMARY + PUPILS_JUNIOR)

# household size: geometric trend of Fujian 2010 -> 2020 extended four years
HH_SIZE_2024 = FJ_HH_SIZE_2020 * (FJ_HH_SIZE_2020 / FJ_HH_SIZE_2010) ** 0.4


def fmt(x, nd):
    return f"{x:,.{nd}f}"


# =============================================================================================
# 8. OUTPUT: CSV (the census table; the 2024 table is the engine's, `licheng derive-baseline`)
# =============================================================================================

def write_census_csv():
    """The estimated census table (2020-11-01), where the hindcast starts (src/scenario/hindcast.rs)."""
    cells = CENSUS_M + CENSUS_F
    rounded = largest_remainder(cells, LICHENG_CENSUS_2020)
    male, female = rounded[:101], rounded[101:]
    lines = [
        "# 鲤城区2020年11月1日（第七次人口普查）常住人口分年龄、性别估计表 / Licheng District: estimated resident population by single year of age and sex at the 7th census, 2020-11-01",
        "# 口径：鲤城区（不含泉州开发区） / Basis: Licheng District proper, excluding the Quanzhou Economic and Technological Development Zone",
        "# 估计值——非官方统计数据；总数396112人为普查数 / ESTIMATE — not an official statistic; only the total, 396,112, is the census figure",
        "# 方法：性别比例、60-64岁和65岁以上占比采用泉州市七普数据；0-14与15-59岁的分配按七普鲤城区15-49岁育龄妇女10.65万人校准；最大余数法取整",
        "# Method: Quanzhou's census sex split and 60-64 / 65+ shares; the 0-14 vs 15-59 split calibrated to Licheng's published 106,500 women aged 15-49; largest-remainder rounding",
        "# Generated by seeds/derive_baseline.py; age 100 means 100 and over",
        "age,male,female",
    ]
    for a in range(101):
        lines.append(f"{a},{male[a]},{female[a]}")
    with open(CENSUS_CSV_PATH, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")


# =============================================================================================
# 9. OUTPUT: TOML
# =============================================================================================

def tq(s):
    """TOML basic string."""
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def tv(x):
    r = repr(float(x))
    return r


CONF_MAP = {"high": "high", "med-high": "med", "med": "med", "low-med": "low", "low": "low"}

FIGURES = []


def official(fid, value, unit_zh, unit_en, year, label_zh, label_en, source, conf):
    FIGURES.append(dict(id=fid, value=value, unit_zh=unit_zh, unit_en=unit_en, year=year,
                        label_zh=label_zh, label_en=label_en, status="official",
                        source=source + (f" Sources-file confidence: {conf}." if conf != CONF_MAP[conf] else ""),
                        confidence=CONF_MAP[conf]))


def estimate(fid, value, unit_zh, unit_en, year, label_zh, label_en, source, method_zh, method_en, conf):
    FIGURES.append(dict(id=fid, value=value, unit_zh=unit_zh, unit_en=unit_en, year=year,
                        label_zh=label_zh, label_en=label_en, status="estimate", source=source,
                        method_zh=method_zh, method_en=method_en, confidence=conf))


YB = "Quanzhou Statistical Yearbook 2022, table 3-5 各县(市、区)常住人口主要指标(2021年) (tjj.quanzhou.gov.cn)"


def build_figures():
    # ---------------------------------------------------------------- population, Licheng
    estimate(
        "population_total", float(POP_2024), "人", "persons", 2024,
        "鲤城区常住人口（2024年末，估计）", "Licheng resident population, end of 2024 (estimate)",
        "The model's projection from the 7th census (396,112 on 2020-11-01) with the birth rates and net migration of "
        "seeds/history.toml (`licheng derive-baseline`); checked against Licheng's published 39.7万 at end-2021 (" + YB + ").",
        f"模型自七普（2020年11月1日396112人）逐年推算至2024年末：各年总和生育率按当年出生率校准（2021年公布7.5‰，其后估计），"
        f"净迁入每年450人（由2010—2020年普查间增长与泉州增速估计），死亡由模型生命表给出。结果{POP_2024}人；2021年末推算值与公布的39.7万相差不到0.1万"
        "（见“模型检验”）。个位数并无实际精度（不确定度约±数千人）。",
        f"The model's projection from the census (396,112 on 1 November 2020) to the end of 2024: each year's TFR calibrated to "
        f"that year's birth rate (7.5‰ published for 2021, estimated after), net migration 450 a year (from the 2010–2020 "
        f"censuses and Quanzhou's growth), deaths from the model life table. Result {POP_2024:,}; its end-2021 value is within "
        "0.1万 of the published 39.7万 (see “Validation”). The units digit carries no real precision (uncertainty several "
        "thousand).",
        "med")
    official(
        "population_census_2020", float(LICHENG_CENSUS_2020), "人", "persons", 2020,
        "鲤城区常住人口（第七次人口普查，2020年11月1日，不含开发区）",
        "Licheng resident population, 7th census, 2020-11-01 (district proper)",
        "Chinese Wikipedia article 鲤城区 (mirror), citing the 7th census: \"截至2020年11月1日零時,鯉城區常住人口為396112人\". "
        "The same page's infobox gives 428,361, which is probably the basis including the development zone.",
        "med")
    official(
        "population_2021", float(LICHENG_POP_2021), "人", "persons", 2021,
        "鲤城区年末常住人口（2021年，不含开发区）", "Licheng resident population, end of 2021 (district proper)",
        YB + ": \"鲤城区 39.7\" (万人), published to one decimal of 万 (±500 persons).",
        "high")
    official(
        "population_2021_incl_dev_zone", float(round(LICHENG_POP_2021_INCL_DZ_WAN * 10000)), "人", "persons", 2021,
        "鲤城区（含开发区）年末常住人口（2021年）", "Licheng incl. the development zone, end of 2021 (other basis)",
        YB + ": \"鲤城区(含开发区) 42.9\"; development zone alone \"开发区 3.2\" (万人). Not the model's basis; for reference.",
        "high")
    official(
        "dev_zone_population_2021", float(round(DEV_ZONE_POP_2021_WAN * 10000)), "人", "persons", 2021,
        "泉州开发区年末常住人口（2021年）", "Quanzhou development zone resident population, end of 2021 (excluded from the basis)",
        YB + ": \"开发区 3.2\" (万人).", "high")
    official(
        "population_census_2020_incl_dev_zone", float(LICHENG_CENSUS_2020_INCL_DZ), "人", "persons", 2020,
        "鲤城区常住人口（七普，疑含开发区）", "Licheng population at the 2020 census, probably incl. the development zone (other basis)",
        "Chinese Wikipedia article 鲤城区, infobox: \"人口2020年 • 常住428,361人\"; 428,361 − 396,112 = 32,249 ≈ the development "
        "zone's 3.2万. Not the model's basis.", "low-med")
    official(
        "population_census_2010", float(LICHENG_CENSUS_2010), "人", "persons", 2010,
        "鲤城区常住人口（第六次人口普查，不含开发区）", "Licheng resident population, 6th census, 2010 (district proper)",
        "Reprint of a 泉州晚报 census article: \"鲤城区 368059 4.53 … 泉州开发区 36758 0.45\".", "med")
    official(
        "dev_zone_census_2010", float(DEV_ZONE_CENSUS_2010), "人", "persons", 2010,
        "泉州开发区常住人口（六普）", "Quanzhou development zone, 6th census, 2010 (excluded from the basis)",
        "Reprint of a 泉州晚报 census article: \"泉州开发区 36758 0.45\".", "med")
    estimate(
        "population_growth_2010_2020_pct", round(((LICHENG_CENSUS_2020 / LICHENG_CENSUS_2010) ** 0.1 - 1) * 100, 2),
        "%/年", "% a year", 2020,
        "鲤城区常住人口年均增长率（2010—2020年，两次普查推算）", "Licheng average annual population growth 2010–2020 (from the two censuses)",
        "Inputs: census totals 368,059 (2010) and 396,112 (2020), both district proper.",
        "(396112/368059)^(1/10)−1，两次普查间隔按10年计。",
        "(396,112/368,059)^(1/10) − 1, treating the census interval as ten years.", "med")
    official(
        "women_15_49_census_2020", float(LICHENG_WOMEN_15_49_2020), "人", "persons", 2020,
        "鲤城区15—49岁育龄妇女（七普，不含开发区）", "Licheng women aged 15–49, 2020 census (district proper)",
        "泉州晚报 via taihainet.com, 2024-05-13 (泉州市统计局, 7th census): \"鲤城区10.65万人…泉州开发区1.03万人\" — the "
        "development zone is listed separately, so 10.65万 is the district-proper figure (published to 0.01万). "
        "Used to calibrate the age table.", "med-high")
    official(
        "birth_rate_2021", LICHENG_BIRTH_RATE_2021, "‰", "per 1,000", 2021,
        "鲤城区人口出生率（2021年，不含开发区）", "Licheng crude birth rate 2021 (district proper)",
        YB + ": \"鲤城区 39.7 7.5 6.7 0.9 100.0\".", "high")
    official(
        "death_rate_2021", LICHENG_DEATH_RATE_2021, "‰", "per 1,000", 2021,
        "鲤城区人口死亡率（2021年，不含开发区）", "Licheng crude death rate 2021 (district proper)",
        YB + ": \"鲤城区 39.7 7.5 6.7 0.9 100.0\".", "high")
    official(
        "natural_growth_rate_2021", LICHENG_NATURAL_GROWTH_2021, "‰", "per 1,000", 2021,
        "鲤城区人口自然增长率（2021年，不含开发区）", "Licheng natural growth rate 2021 (district proper)",
        YB + ": \"鲤城区 39.7 7.5 6.7 0.9 100.0\" (as published; 7.5 − 6.7 = 0.8, the difference is rounding).", "high")
    r_mid = [birth_rate_licheng(y) for y in (2022, 2023, 2024)]
    for y, r in zip((2022, 2023, 2024), r_mid):
        estimate(
            f"birth_rate_{y}", round(r, 2), "‰", "per 1,000", y,
            f"鲤城区人口出生率（{y}年，估计）", f"Licheng crude birth rate {y} (estimate)",
            "Inputs: Licheng 7.5‰ (2021, yearbook 2022 table 3-5); Quanzhou 8.7‰ (2021, med-high); Fujian 6.95‰ (2024 bulletin, med).",
            "假定鲤城区出生率按泉州2021年8.7‰降至福建2024年6.95‰的同一比例下降：2024年=7.5×6.95/8.7"
            f"={birth_rate_licheng(2024):.2f}‰，2022、2023年按几何插值。用于推算2024年0-3岁人口。",
            "Assumes Licheng's rate falls in the same proportion as from Quanzhou's 2021 rate (8.7‰) to Fujian's 2024 rate "
            f"(6.95‰): 2024 = 7.5 × 6.95/8.7 = {birth_rate_licheng(2024):.2f}‰, 2022–2023 geometric interpolation. "
            "Used for ages 0–3 of the 2024 table.", "low")
    estimate(
        "births_2024", round(birth_rate_licheng(2024) / 1000.0 * POP_2024), "人", "persons", 2024,
        "鲤城区出生人口（2024年，估计）", "Licheng births 2024 (estimate)",
        "Inputs: estimated birth rate 2024 (birth_rate_2024) and the estimated end-2024 population.",
        "出生率估计值×2024年末人口估计值。模型自七普推算时，各年总和生育率按当年出生率校准，2024年所得总和生育率即预测的默认值，"
        "故2025年的出生延续2024年的水平。七普估计表的幼儿数约为按公布出生率推算的1.2倍，所以基期表在3岁与4岁之间"
        "（普查后出生与普查时已出生的队列之间）有一个台阶。",
        "Estimated birth rate × the estimated end-2024 population. In the model's projection from the census each year's TFR "
        "is calibrated to that year's birth rate, and 2024's is the projection's default TFR, so 2025's births continue "
        "2024's. The census table holds about 1.2 times as many young children as Licheng's published birth rates imply, "
        "so the base table has a step between ages 3 and 4 (cohorts born after the census against those counted by it).", "low")

    # ---------------------------------------------------------------- age structure (from the table)
    estimate(
        "share_0_14_2024_pct", round(SHARE_0_14_2024, 2), "%", "%", 2024,
        "0—14岁人口占比（2024年，估计表）", "Share aged 0–14, 2024 (estimated table)",
        "baseline-population-2024.csv; inputs as in note_en.",
        f"由估计年龄表计算。七普时0—14岁占比按鲤城区育龄妇女数校准为{SHARE_0_14_LICHENG:.2f}%（泉州市为20.62%）。",
        f"Computed from the estimated age table. At the census the 0–14 share was calibrated to {SHARE_0_14_LICHENG:.2f}% "
        "(Quanzhou: 20.62%) so that the table reproduces Licheng's published 106,500 women aged 15–49.", "low")
    estimate(
        "share_15_64_2024_pct", round(SHARE_15_64_2024, 2), "%", "%", 2024,
        "15—64岁人口占比（2024年，估计表）", "Share aged 15–64, 2024 (estimated table)",
        "baseline-population-2024.csv.", "由估计年龄表计算。", "Computed from the estimated age table.", "low")
    estimate(
        "share_65_plus_2024_pct", round(SHARE_65P_2024, 2), "%", "%", 2024,
        "65岁及以上人口占比（2024年，估计表）", "Share aged 65 and over, 2024 (estimated table)",
        "baseline-population-2024.csv.", "由估计年龄表计算（七普时采用泉州市65岁以上占比9.00%，再推移4年）。",
        "Computed from the estimated age table (Quanzhou's census 65+ share 9.00% applied in 2020, then aged 4 years).", "low")

    # ---------------------------------------------------------------- Quanzhou population
    estimate(
        "quanzhou_growth_2021_2024_pct", round(QZ_GROWTH_ANNUAL_PCT, 2), "%/年", "% a year", 2024,
        "泉州市常住人口年均增长率（2021—2024年）", "Quanzhou average annual resident-population growth 2021–2024",
        "Inputs: Quanzhou 885万 (2021, revised series, med-high), 888.3万 (2023, low-med), +3.1万 in 2024 (low-med).",
        f"(888.3+3.1)/885=891.4/885=1.00723，开三次方减1，得{QZ_GROWTH_ANNUAL_PCT:.3f}%/年。工作要点要求鲤城区增速超全市水平，此为比较基准。",
        f"(888.3 + 3.1)/885 = 891.4/885 = 1.00723; cube root minus 1 = {QZ_GROWTH_ANNUAL_PCT:.3f}% a year. The work plan wants "
        "Licheng to grow faster than the city; this is the yardstick.", "med")
    official("quanzhou_census_2020", float(QZ_CENSUS_2020), "人", "persons", 2020,
             "泉州市常住人口（七普）", "Quanzhou resident population, 7th census",
             "Secondary site citing the Quanzhou census bulletin: \"泉州市常住人口为8782285人…年平均增长率为0.78%\".", "high")
    official("quanzhou_census_growth_2010_2020_pct", QZ_CENSUS_GROWTH_2010_2020_PCT, "%/年", "% a year", 2020,
             "泉州市常住人口年均增长率（2010—2020年）", "Quanzhou average annual growth 2010–2020 (census)",
             "Same: \"年平均增长率为0.78%\".", "high")
    official("quanzhou_male_2020", float(QZ_MALE_2020), "人", "persons", 2020,
             "泉州市男性人口（七普）", "Quanzhou male population, 7th census",
             "Secondary site: \"男性人口为4586453人,女性人口为4195832人\".", "med")
    official("quanzhou_female_2020", float(QZ_FEMALE_2020), "人", "persons", 2020,
             "泉州市女性人口（七普）", "Quanzhou female population, 7th census",
             "Secondary site: \"男性人口为4586453人,女性人口为4195832人\".", "med")
    for fid, v, zh, en in (("quanzhou_share_0_14_2020_pct", QZ_SHARE_0_14, "0—14岁", "0–14"),
                           ("quanzhou_share_15_59_2020_pct", QZ_SHARE_15_59, "15—59岁", "15–59"),
                           ("quanzhou_share_60_plus_2020_pct", QZ_SHARE_60P, "60岁及以上", "60 and over"),
                           ("quanzhou_share_65_plus_2020_pct", QZ_SHARE_65P, "65岁及以上", "65 and over")):
        official(fid, v, "%", "%", 2020, f"泉州市{zh}人口占比（七普）", f"Quanzhou share aged {en}, 7th census",
                 "Secondary site: \"0-14岁人口比例为20.62%,15-59岁人口比例为66.17%,60岁及以上人口比例为13.21%,"
                 "65岁及以上人口比例为9.00%\".", "med")
    for y in (2018, 2019, 2020, 2021):
        official(f"quanzhou_population_{y}", QZ_POP_WAN[y], "万人", "10,000 persons", y,
                 f"泉州市年末常住人口（{y}年，修订序列）", f"Quanzhou resident population {y} (revised series)",
                 "Secondary site citing 泉州市统计局: \"常住人口(万人) 885 879 876 873\" (2021, 2020, 2019, 2018).", "med-high")
    official("quanzhou_population_2022", QZ_POP_WAN[2022], "万人", "10,000 persons", 2022,
             "泉州市常住人口（2022年）", "Quanzhou resident population 2022",
             "Secondary site citing 泉州市统计局 (the same as for 2018–2021): \"增长至2022年的887.9万人\" (resident; registered "
             "\"增长至2022年的773.82万人\").", "med")
    official("quanzhou_population_2023", QZ_POP_WAN[2023], "万人", "10,000 persons", 2023,
             "泉州市常住人口（2023年）", "Quanzhou resident population 2023",
             "Weak site: \"泉州市的常住人口达到了888.3万(不含金门县)\".", "low-med")
    official("quanzhou_population_change_2024", QZ_POP_CHANGE_2024_WAN, "万人", "10,000 persons", 2024,
             "泉州市常住人口增量（2024年）", "Quanzhou resident-population change in 2024",
             "Weak site: \"泉州,增长3.1万\".", "low-med")
    official("quanzhou_registered_2023", QZ_REGISTERED_2023_WAN, "万人", "10,000 persons", 2023,
             "泉州市户籍人口（2023年）", "Quanzhou registered (hukou) population 2023",
             "Weak site: \"而户籍人口则为775.7万\".", "low-med")
    for y in (2018, 2019, 2020, 2021):
        official(f"quanzhou_birth_rate_{y}", QZ_BIRTH_RATE[y], "‰", "per 1,000", y,
                 f"泉州市人口出生率（{y}年）", f"Quanzhou crude birth rate {y}",
                 "Secondary site citing 泉州市统计局: \"人口出生率 (‰) 8.7 9.7 11.7 12.1\" (2021..2018).", "med-high")
    official("quanzhou_death_rate_2021", QZ_DEATH_RATE[2021], "‰", "per 1,000", 2021,
             "泉州市人口死亡率（2021年）", "Quanzhou crude death rate 2021",
             "Secondary site citing 泉州市统计局: \"人口死亡率 (‰) 6.9 7 6.7 6.7\" (2021..2018); also " + YB + " row \"泉州市 885 8.7 6.9 1.8\".",
             "med-high")
    official("quanzhou_share_15_64_2021_pct", QZ_SHARE_15_64_2021, "%", "%", 2021,
             "泉州市15—64岁人口占比（2021年末）", "Quanzhou share aged 15–64, end of 2021",
             "泉州晚报 reprint: \"2021年末,全市15—64歲人口623萬人,占比達70.4%\".", "med")
    official("quanzhou_nonlocal_residents", QZ_NONLOCAL_WAN, "万人", "10,000 persons", 2020,
             "泉州市常住外来人口（年份未注明）", "Quanzhou non-local residents (year not stated; filed under 2020)",
             "Weak site: \"常住外来人口达204万人\" — year not stated.", "low")
    official("fujian_birth_rate_2024", FJ_BIRTH_RATE_2024, "‰", "per 1,000", 2024,
             "福建省人口出生率（2024年）", "Fujian crude birth rate 2024",
             "Reprint of the Fujian 2024 statistical bulletin: \"全年人口出生率为6.95‰,人口死亡率为6.71‰,自然增长率为0.24‰\".", "med")
    official("fujian_death_rate_2024", FJ_DEATH_RATE_2024, "‰", "per 1,000", 2024,
             "福建省人口死亡率（2024年）", "Fujian crude death rate 2024",
             "Reprint of the Fujian 2024 statistical bulletin: \"人口死亡率为6.71‰\".", "med")

    # ---------------------------------------------------------------- demographic parameters
    official("quanzhou_tfr_2020", QZ_TFR_2020, "孩/妇女", "children per woman", 2020,
             "泉州市总和生育率（七普）", "Quanzhou total fertility rate, 2020 census",
             "泉州晚报 via taihainet.com, 2024-05-13: \"全市15—49岁育龄妇女218.75万人…总和生育率达1419.37‰\" (1419.37‰ = 1.419).",
             "med-high")
    official("china_tfr_2020", CN_TFR_2020, "孩/妇女", "children per woman", 2020,
             "全国总和生育率（2020年）", "China total fertility rate 2020",
             "China News Service, 2021-05-11: \"2020年中国育龄妇女总和生育率为1.3\".", "high")
    official("fujian_e0_2024", FJ_E0_2024, "岁", "years", 2024,
             "福建省人均预期寿命（2024年）", "Fujian life expectancy at birth 2024",
             "海峡导报, 2025-03-13: \"高出全省平均水平(79.3岁)\".", "med-high")
    official("china_e0_2024", CN_E0_2024, "岁", "years", 2024,
             "全国人均预期寿命（2024年）", "China life expectancy at birth 2024",
             "National Health Commission figure for 2024, 79.0, as listed in the project's reference list of public sources, which gives no quotation for it; the quoted report (Xinhua, 2024-08-29: \"我国人均预期寿命达到78.6岁\") is for 2023, 78.6.",
             "med")
    official("china_srb_2020", CN_SRB_2020, "男/百女", "boys per 100 girls", 2020,
             "全国出生人口性别比（2020年）", "China sex ratio at birth 2020",
             "xinhuanet.com, 2021-05-11: \"出生人口性别比为111.3\".", "high")
    official("fujian_household_size_2020", FJ_HH_SIZE_2020, "人/户", "persons per household", 2020,
             "福建省平均家庭户规模（七普）", "Fujian average family-household size, 2020 census",
             "Repost of the Fujian census release: \"平均每个家庭户的人口为2.68人,比2010年的2.98人减少0.30人\".", "med-high")
    official("china_household_size_2020", CN_HH_SIZE_2020, "人/户", "persons per household", 2020,
             "全国平均家庭户规模（七普）", "China average family-household size, 2020 census",
             "Census bulletin No. 2 (repost): \"平均每个家庭户的人口为2.62人\".", "high")
    estimate(
        "household_size_2024", round(HH_SIZE_2024, 2), "人/户", "persons per household", 2024,
        "鲤城区平均家庭户规模（2024年，估计）", "Licheng average family-household size 2024 (estimate)",
        "Inputs: Fujian 2.98 (2010) and 2.68 (2020), census release (med-high). No Licheng or Quanzhou figure found.",
        f"按福建2010→2020年的几何趋势（每年−1.06%）外推4年：2.68×(2.68/2.98)^0.4={HH_SIZE_2024:.3f}，取{HH_SIZE_2024:.2f}"
        "（线性外推为2.56）。鲤城区为老城区，实际可能略低于全省。",
        f"Fujian's 2010→2020 geometric trend (−1.06% a year) extended four years: 2.68 × (2.68/2.98)^0.4 = {HH_SIZE_2024:.3f}, "
        f"taken as {HH_SIZE_2024:.2f} (a linear trend gives 2.56). As an old urban core Licheng is probably a little below the province.",
        "low")

    # ---------------------------------------------------------------- schools
    official("places_added_2023", float(PLACES_ADDED_2023), "个", "places", 2023,
             "鲤城区新增学位（2023年）", "Licheng new school places 2023",
             "Summary of the district's 2023 government work report: \"新增学位900个\" (school level not stated).", "med")
    official("places_opened_2024", float(PLACES_OPENED_2024), "个", "places", 2024,
             "鲤城区2024年秋季计划投用新增学位（超过）", "Licheng school places planned to open autumn 2024 (\"over 1,000\")",
             "Reprint of a 2024 announcement (a plan, not a reported outcome): \"2024年鯉城區計劃投用教育建設項目6個…可新增優質學位5230個。其中,有3個校區建設項目將於今年秋季正式投用,"
             "新增學位超1000個\" — published as \"over 1,000\"; 1,000 used as the value. The 5,230 is the projects' full capacity "
             "over several years.", "med")
    official("places_planned_2025", float(PLACES_PLANNED_2025), "个", "places", 2025,
             "鲤城区2025年秋季预计新增学位", "Licheng new school places expected autumn 2025",
             "东南早报: \"预计新增学位2610个\", an expected (预计) figure for autumn 2025, not a confirmed count (810 + 180 + 1,620 "
             "across the projects; school levels not stated).", "med")
    estimate(
        "places_planned_2025_primary_share", PRIMARY_SHARE_2025, "比例", "fraction", 2025,
        "2025年新增学位中小学学位占比（估计）", "Primary share of the places expected in 2025 (estimate)",
        "Inputs: 东南早报 2,610 = 810 + 180 + 1,620 (levels not stated); class sizes primary 45 / junior 50 (national standard); "
        "the estimated age table.",
        "报道未说明各项目学段。三项均为45的整倍数：810=18班（每年级3班×6年级，像一所小学），1620=36班（6轨小学，或4轨九年一贯制学校，"
        "其中小学1080），180=4班；可能的小学占比在0.31—1.0之间。按估计表6—11岁占义务教育适龄人口"
        f"{COHORT_PRIMARY_SHARE:.2f}，考虑2016—2017年出生高峰将于2028—2029年升入初中、初中压力上升，取0.62（≈1620/2610）。",
        "The source does not say which level each project serves. All three are multiples of 45, the primary class size: "
        "810 = 18 classes (3 per grade × 6 grades, a primary school), 1,620 = 36 classes (a 6-stream primary or a 4-stream "
        "nine-year school with 1,080 primary places), 180 = 4 classes; the possible primary share runs from 0.31 (only the 810 primary) to 1.0. "
        f"The cohort-proportional share (ages 6–11 of 6–14 in the table) is {COHORT_PRIMARY_SHARE:.2f}; with the larger "
        "2016–2017 birth cohorts reaching junior middle school in 2028–2029, pressure shifts there, so 0.62 (≈ 1,620/2,610) is taken.",
        "low")
    estimate(
        "primary_capacity_2024", float(PRIMARY_CAPACITY_2024), "个", "places", 2024,
        "鲤城区公办小学学位（2024年秋，估计）", "Licheng public primary-school places, autumn 2024 (estimate)",
        "No published figure. Inputs: the estimated age table (ages 6–11), migrant_pupil_share_pct, "
        "migrant_public_share_2024_pct, an assumed 95% public share among local pupils, places_added_2023 (+900), "
        "places_opened_2024 (+1,000), places_planned_2025_primary_share (0.62).",
        f"6—11岁常住儿童{PUPILS_PRIMARY}人×公办就读比例{PUBLIC_SHARE:.3f}（本地儿童0.95，随迁子女1.00，随迁占30%）="
        f"{PUBLIC_PRIMARY_PUPILS:,.0f}，视为2024年秋投用前的学位存量（2023年新增900个已含在内）；加上2024年秋计划投用的1000个（假设如期投用）中的62%，"
        f"取整到10，得{PRIMARY_CAPACITY_2024}，隐含富余约{SPARE_PRIMARY_PCT:.1f}%。未考虑跨区就读。",
        f"Resident children aged 6–11 ({PUPILS_PRIMARY:,}) × public share {PUBLIC_SHARE:.3f} (locals 0.95, migrant children "
        f"1.00, migrants 30% of pupils) = {PUBLIC_PRIMARY_PUPILS:,.0f}, taken as the stock before the autumn-2024 openings "
        "(the +900 of 2023 is inside it); plus 62% of the 1,000 places planned to open in autumn 2024 (assumed opened as planned), rounded to 10: "
        f"{PRIMARY_CAPACITY_2024:,}, an implied spare margin of {SPARE_PRIMARY_PCT:.1f}%. Cross-district enrolment is ignored.",
        "low")
    estimate(
        "junior_capacity_2024", float(JUNIOR_CAPACITY_2024), "个", "places", 2024,
        "鲤城区公办初中学位（2024年秋，估计）", "Licheng public junior-middle-school places, autumn 2024 (estimate)",
        "No published figure. Inputs: as for primary_capacity_2024, ages 12–14.",
        f"12—14岁常住儿童{PUPILS_JUNIOR}人×公办就读比例{PUBLIC_SHARE:.3f}={PUBLIC_JUNIOR_PUPILS:,.0f}，视为投用前存量；"
        f"加上2024年秋计划投用的1000个（假设如期投用）中的38%，取整到10，得{JUNIOR_CAPACITY_2024}，隐含富余约{SPARE_JUNIOR_PCT:.1f}%。",
        f"Resident children aged 12–14 ({PUPILS_JUNIOR:,}) × public share {PUBLIC_SHARE:.3f} = {PUBLIC_JUNIOR_PUPILS:,.0f}, "
        "taken as the stock before the autumn-2024 openings; plus 38% of the 1,000 places planned to open in autumn 2024 (assumed opened as planned), rounded "
        f"to 10: {JUNIOR_CAPACITY_2024:,}, an implied spare margin of {SPARE_JUNIOR_PCT:.1f}%.",
        "low")
    estimate(
        "migrant_pupil_share_pct", MIGRANT_PUPIL_SHARE_PCT, "%", "%", 2024,
        "义务教育阶段随迁子女占在校生比例（估计）", "Migrant children (随迁子女) as a share of pupils aged 6–14 (estimate)",
        "No published Licheng figure. Inputs: Quanzhou non-local residents 204万 (year not stated, low) against 878万 "
        "residents (23%); Jinjiang 66.7% of primary pupils in 2014 (low-med) as an upper reference for an industrial county.",
        "全市外来人口约占常住人口23%（204/878）；随迁子女集中在务工人口较多的地区，晋江2014年小学达66.7%，为工业县市的上限参考。"
        "鲤城区为老城区，务工人口比重低于晋江，但服务业外来人口不少，取中值30%（低20%，高45%）。",
        "Non-local residents are about 23% of Quanzhou's residents (204/878); migrant children concentrate where migrant "
        "workers do, and Jinjiang's 66.7% of primary pupils (2014) is an upper reference for an industrial county. Licheng, "
        "the old urban core, has fewer factory migrants than Jinjiang but many in services: central 30% (low 20%, high 45%).",
        "low")
    estimate(
        "migrant_public_share_2024_pct", MIGRANT_PUBLIC_SHARE_PCT, "%", "%", 2024,
        "随迁子女在公办学校就读比例（2024年，估计）", "Share of migrant pupils in public schools, 2024 (estimate)",
        "No published measured figure. Input: the work plan (泉鲤政办〔2025〕6号) clause 二(三): "
        "\"义务教育阶段随迁子女在公办学校就读率保持在100%\" — \"keep at 100%\".",
        "工作要点用“保持在100%”，意味着区政府认为目前已达100%（口径通常为符合入学条件的随迁子女），故取100%；"
        "若实际口径不同，可能在90%—100%之间，请以区教育局数据替换。",
        "The plan says \"keep at 100%\", implying the district counts the current rate as 100% (usually measured over "
        "migrant children who meet the admission conditions); 100% is taken. On a stricter definition it could be "
        "90–100%; replace with the education bureau's figure.",
        "med")
    official("class_size_primary_std", float(CLASS_SIZE_PRIMARY), "人/班", "pupils per class", 2024,
             "小学标准班额", "Standard class size, primary",
             "National school building standard (repost): \"每班45人\".", "med")
    official("class_size_junior_std", float(CLASS_SIZE_JUNIOR), "人/班", "pupils per class", 2024,
             "初中标准班额", "Standard class size, junior middle",
             "National school building standard (repost): \"初级中学:…每班50人\".", "med")
    official("large_class_threshold", float(LARGE_CLASS), "人/班", "pupils per class", 2016,
             "大班额标准（超过）", "Large class: over this many pupils",
             "国发〔2016〕40号 (repost): \"到2020年基本消除56人以上‘大班额’\"; oversized classes are over 66.", "med")
    official("staff_ratio_primary", STAFF_RATIO_PRIMARY, "生/教职工", "pupils per staff", 2001,
             "城市小学生师比编制标准", "Staffing standard, urban primary (pupils per staff)",
             "国办发〔2001〕74号 (repost) and China Daily, 2018-08-29: \"城 市 │ 1:12.5 / 1:13.5 / 1:19\" (senior / junior / "
             "primary); the 2001 urban standard was extended to rural schools in 2014.", "med")
    official("staff_ratio_junior", STAFF_RATIO_JUNIOR, "生/教职工", "pupils per staff", 2001,
             "城市初中生师比编制标准", "Staffing standard, urban junior middle (pupils per staff)",
             "国办发〔2001〕74号 (repost) and China Daily, 2018-08-29: \"城 市 │ 1:12.5 / 1:13.5 / 1:19\" (senior / junior / "
             "primary); the 2001 urban standard was extended to rural schools in 2014.", "med")

    # ---------------------------------------------------------------- employment
    official("quanzhou_new_urban_jobs_2019", float(QZ_NEW_URBAN_JOBS_2019), "人", "persons", 2019,
             "泉州市城镇新增就业人员（2019年）", "Quanzhou new urban jobs 2019 (gross flow)",
             "Quanzhou 2019 statistical bulletin (reprint): \"全年全市城鎮新增就業人員12.57萬人…年末城鎮登記失業率為1.05%\". "
             "城镇新增就业 is a gross flow, not the net change in employment.", "high")
    official("quanzhou_unemployment_2019_pct", QZ_UNEMPLOYMENT_2019_PCT, "%", "%", 2019,
             "泉州市城镇登记失业率（2019年末）", "Quanzhou registered urban unemployment rate, end of 2019",
             "Quanzhou 2019 statistical bulletin (reprint): \"年末城鎮登記失業率為1.05%\".", "high")
    official("quanzhou_new_urban_jobs_avg_2012_2021", float(QZ_NEW_URBAN_JOBS_AVG_2012_2021), "人/年", "persons a year", 2021,
             "泉州市年均城镇新增就业（2012—2021年）", "Quanzhou average new urban jobs a year, 2012–2021",
             "泉州晚报 reprint: \"帶動城鎮年均新增就業人數13.4萬人,城鎮登記失業率控制在2.3%以下\".", "med")

    # ---------------------------------------------------------------- social security, housing
    estimate(
        "medical_insurance_pct_2024", CN_MEDICAL_INSURANCE_FLOOR_PCT, "%", "%", 2024,
        "鲤城区基本医保参保率（2024年，估计）", "Licheng basic medical insurance participation rate 2024 (estimate)",
        "No Licheng or Quanzhou figure. Inputs: national \"参保率稳定在95%以上\" (光明日报 2023-07-11, 2022 data); "
        "the work plan clause 二(六) target \"确保我区基本医保参保率达到 96%\", which implies the current rate is below 96%.",
        "取全国“95%以上”的下限95%；工作要点以96%为目标，说明现状低于96%。外来人口多在户籍地参保，按常住地统计可能更低。",
        "The national floor \"above 95%\" is taken as 95%; the plan's 96% target implies the current rate is below 96%. "
        "Counted by place of residence it could be lower, since many migrants are insured where their hukou is.",
        "low")
    estimate(
        "affordable_rental_stock_2024", 0.0, "套", "units", 2024,
        "保障性租赁住房存量（2024年，未知）", "Affordable rental housing stock 2024 (not known)",
        "No published figure found. The work plan clause 二(四) targets 500 new units of urban affordable housing in 2025–2028.",
        "无公开数据；0表示“未知”，模型只计算2025—2028年的新增供给（目标500套），不代表存量为零。",
        "No published figure; 0 means 'not known': the model counts new supply only (target 500 units in 2025–2028). It does "
        "not mean there is no stock.",
        "low")

    # ---------------------------------------------------------------- economy
    official("gdp_2023", GDP_2023_YI, "亿元", "100 million yuan", 2023,
             "鲤城区地区生产总值（2023年，预计数）", "Licheng GDP 2023 (preliminary)",
             "District government work report: \"预计全区生产总值580亿元、增长7.5%\" — preliminary, as stated in "
             "the report (预计), not the final statistical figure.", "high")
    official("gdp_growth_2023_pct", GDP_GROWTH_2023_PCT, "%", "%", 2023,
             "鲤城区地区生产总值增速（2023年，预计数）", "Licheng real GDP growth 2023 (preliminary)",
             "District government work report: \"预计全区生产总值580亿元、增长7.5%\" — preliminary, as stated in the report.", "high")
    official("gdp_2022", GDP_2022_YI, "亿元", "100 million yuan", 2022,
             "鲤城区地区生产总值（2022年，预计数）", "Licheng GDP 2022 (preliminary)",
             "District government work report (qzlc.gov.cn): \"全年预计实现全区生产总值539.69亿元、增长4.5%\" — preliminary, as "
             "stated in the report.",
             "high")
    official("gdp_growth_2022_pct", GDP_GROWTH_2022_PCT, "%", "%", 2022,
             "鲤城区地区生产总值增速（2022年，预计数）", "Licheng real GDP growth 2022 (preliminary)",
             "District government work report (qzlc.gov.cn): \"全年预计实现全区生产总值539.69亿元、增长4.5%\" — preliminary, as "
             "stated in the report.",
             "high")
    official("new_sishang_firms_2022", float(NEW_SISHANG_2022), "家", "firms", 2022,
             "鲤城区新增“四上”企业（2022年）", "Licheng new above-threshold (四上) enterprises 2022",
             "District government work report: \"新增“四上”企业89家\".", "high")

    # ---------------------------------------------------------------- the district's delivery record
    REPRINT = "A reprint of a Licheng government work report (p6360.com/bhuadong/4529_2.html)"
    official("new_urban_jobs_2022", 7500.0, "人", "persons", 2022,
             "鲤城区城镇新增就业（2022年）", "Licheng new urban jobs (2022)",
             REPRINT + ": \"实施职业技能提升培训近9000人次,城镇新增就业7500人\". The year, 2022, is inferred from the "
             "report's context (its 泉州七中 and 鲤跃人才工程 items and 2022 policies). The model's job-replacement rate is "
             "calibrated to it (seeds/history.toml).", "med")
    official("affordable_rental_completed_2022", 640.0, "套", "units", 2022,
             "鲤城区建成保障性租赁住房（2022年）", "Licheng affordable rental units completed (2022)",
             REPRINT + ": \"建成保障性租赁住房640套、新建开工590套,建成长租公寓121套,推出安置型商品房2259套,回迁安置群众2237户\". "
             "The model's take-up among the eligible is calibrated to it (seeds/history.toml).", "med")
    official("affordable_rental_started_2022", 590.0, "套", "units", 2022,
             "鲤城区新开工保障性租赁住房（2022年）", "Licheng affordable rental units started (2022)",
             REPRINT + ": \"新建开工590套\".", "med")
    official("school_places_added_2022", 1080.0, "个", "places", 2022,
             "鲤城区新增学位（2022年，三所小区配套幼儿园移交）", "Licheng new school places (2022; three estate kindergartens handed over)",
             REPRINT + ": \"3所小区配套幼儿园完成移交、新增学位1080个\" (kindergarten places, not compulsory-school ones).", "med")
    official("fengze_new_jobs_2023", 22000.0, "人", "persons", 2023,
             "丰泽区（邻区）新增就业（2023年）", "Fengze District (neighbour) new jobs (2023)",
             "A reprint of Fengze's 2023 government work report (bx2200.com/baogao/huadong/9531_2.html): \"新增就业2.2万人\". "
             "Another district, for comparison only.", "med")
    official("fengze_affordable_rental_2023", 969.0, "套", "units", 2023,
             "丰泽区（邻区）新增保障性租赁住房（2023年）", "Fengze District (neighbour) new affordable rental units (2023)",
             "Same reprint: \"新增保障性租赁住房969套\". Another district, for comparison only.", "med")


NOTE_ZH = (
    "官方数据（status = \"official\"）均按公开发布原样录入，并注明出处、原文和可信度；其中鲤城区的直接统计只有：七普常住人口396112人、"
    "2021年末常住人口39.7万、2021年出生率7.5‰和死亡率6.7‰、七普15—49岁育龄妇女10.65万人、区政府工作报告中的地区生产总值预计数，"
    "以及工作报告中的完成情况（2022年城镇新增就业7500人、建成保障性租赁住房640套、新增“四上”企业89家等）。"
    "其余（status = \"estimate\"）均为估计，不是官方统计：七普分年龄、性别表以普查总数为基础，借用泉州市七普性别比例，"
    "老年人口占比按鲤城区2021年死亡率校准、少儿与劳动年龄比例按育龄妇女数校准；2024年末年龄表由模型自七普逐年推算（seeds/history.toml）；"
    "学位存量、随迁子女比例、医保参保率、户规模等均按说明的方法估计。区里掌握正式数据后应直接替换。口径均为鲤城区（不含泉州开发区）。"
)
NOTE_EN = (
    "Official figures (status = \"official\") are entered as published, with source, quoted text and confidence. The only "
    "direct statistics for Licheng are the 2020 census total 396,112, the end-2021 population 39.7万, the 2021 birth and "
    "death rates 7.5‰ and 6.7‰, the 106,500 women aged 15–49 at the census, the preliminary GDP figures of the district "
    "work reports and the delivery they report (7,500 new urban jobs, 640 affordable rental units completed and 89 new 四上 "
    "firms in 2022, and more). Everything marked \"estimate\" is an estimate, not an official statistic: the census age–sex "
    "table starts from the census total with Quanzhou's census sex split, its old-age shares calibrated to Licheng's 2021 "
    "death rate and its child/working-age split to Licheng's published women aged 15–49; the end-2024 table is the model's "
    "own projection from it (seeds/history.toml); "
    "school places, the migrant-pupil share, insurance coverage and household size are estimated as each entry says. "
    "Replace any of them with an official figure when the district has one. Basis throughout: Licheng District proper, "
    "excluding the development zone."
)


def write_toml():
    build_figures()
    ids = [f["id"] for f in FIGURES]
    assert len(ids) == len(set(ids)), "duplicate ids"
    out = [
        "# Licheng scenario simulator — baseline figures (base year 2024).",
        "# Generated by seeds/derive_baseline.py — edit the script, not this file.",
        "# status = \"official\": a published figure, as published; status = \"estimate\": NOT an official statistic.",
        "",
        "[meta]",
        "base_year = 2024",
        "basis_zh = " + tq("鲤城区（不含泉州开发区）"),
        "basis_en = " + tq("Licheng District proper (excluding the Quanzhou Economic and Technological Development Zone)"),
        "note_zh = " + tq(NOTE_ZH),
        "note_en = " + tq(NOTE_EN),
    ]
    keys = ["id", "value", "unit_zh", "unit_en", "year", "label_zh", "label_en", "status", "source",
            "method_zh", "method_en", "confidence"]
    for f in FIGURES:
        out.append("")
        out.append("[[figure]]")
        for k in keys:
            if k not in f:
                continue
            v = f[k]
            if k == "value":
                out.append(f"value = {tv(v)}")
            elif k == "year":
                out.append(f"year = {int(v)}")
            else:
                out.append(f"{k} = {tq(v)}")
    with open(TOML_PATH, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out) + "\n")


def main():
    write_census_csv()
    write_toml()
    print(f"life table (engine's): e0 male {E0_M:.2f}, female {E0_F:.2f}")
    print(f"calibrated 0-14 share at census: {SHARE_0_14_LICHENG:.3f}% (Quanzhou 20.62%)")
    print(f"calibrated old-age factor {OLD_SCALE:.4f}: 60+ {QZ_SHARE_60P * OLD_SCALE:.2f}%, 65+ {QZ_SHARE_65P * OLD_SCALE:.2f}% "
          f"(Quanzhou 13.21%, 9.00%); census death rate {crude_death_rate(CENSUS_M, CENSUS_F):.3f} per mille")
    print(f"census 0-14 = {CENSUS_0_14:,.0f}; estimated Licheng births 2006-2020 = {LICHENG_BIRTHS_2006_2020:,.0f}"
          f" (ratio {CENSUS_0_14 / LICHENG_BIRTHS_2006_2020:.3f})")
    print(f"census women 15-49 = {women_15_49(CENSUS_F):,.0f} (published 106,500)")
    print(f"2024 total {POP_2024:,}: male {MALE_2024:,} ({MALE_2024 / POP_2024 * 100:.2f}%), female {FEMALE_2024:,}")
    print(f"shares 0-14 {SHARE_0_14_2024:.2f}%, 15-64 {SHARE_15_64_2024:.2f}%, 65+ {SHARE_65P_2024:.2f}%, "
          f"80+ of 65+ {band(80, 100) / band(65, 100) * 100:.1f}%")
    print(f"pupils 6-11 = {PUPILS_PRIMARY:,}; 12-14 = {PUPILS_JUNIOR:,}; cohort primary share {COHORT_PRIMARY_SHARE:.3f}")
    print(f"public share {PUBLIC_SHARE:.3f}; capacity primary {PRIMARY_CAPACITY_2024:,} (spare {SPARE_PRIMARY_PCT:.1f}%), "
          f"junior {JUNIOR_CAPACITY_2024:,} (spare {SPARE_JUNIOR_PCT:.1f}%)")
    print(f"implied crude death rate 2024 {CDR_2024:.2f} per mille (Licheng 2021 published 6.7)")
    print(f"women 15-49 in 2024 = {WOMEN_15_49_2024:,}")
    print("ages 0-8:", [POP_M[a] + POP_F[a] for a in range(9)])
    print(f"figures: {len(FIGURES)}")


if __name__ == "__main__":
    main()
