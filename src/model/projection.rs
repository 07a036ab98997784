//! The Licheng projection: population, employment, housing, schools, insurance coverage and
//! delivery of planned works, year by year from the base year, for one set of levers.
//!
//! # Formulas (t = projected year, t−1 the year before; levers in `code` font)
//!
//! **Population** — the annual cohort-component step of [`cohort`](super::cohort) by single year
//! of age and sex: survival from the model life table at `e0f` / `e0m`; fertility
//! `F_x = tfr · g_x(mab)` (gamma pattern, [`schedules::fertility_pattern`]); sex ratio at birth
//! `srb / 100`; net migrants `mig` per year spread by the Rogers–Castro profile, `migm` % men.
//! Growth `g_t = P_t / P_{t−1} − 1`.
//!
//! **Employment** — labour force `LF_t = Σ_{a,s} P_{a,s,t} · π_{a,s} · κ`, with the standard
//! participation schedule `π` ([`schedules::participation_standard`]) scaled by `κ` so that the
//! base-year participation at ages 15–64 equals `lfp` (capped at 0.99 for any age).
//! Supply `E^s_t = LF_t · (1 − ur)`; jobs at the district's employers (demand)
//! `E^d_t = E^d_{t−1} · (1 + gdp · el)`, `E^d_0 = E^s_0`; residents employed
//! `E_t = min(E^s_t, E^d_t)`. **New urban jobs** (城镇新增就业: people newly employed in urban
//! units minus natural attrition, counted where the job is registered, so by employers, not from
//! the resident population) `J_t = max(0, E^d_t − E^d_{t−1}) + to · E^d_{t−1}`; `to` is
//! calibrated to the district's reported 7,500 in 2022 (`scenario::hindcast`). Participation at
//! the ages around the statutory retirement ages shifts with the 2025 retirement reform
//! (`schedules::retirement_delay`).
//!
//! **Housing** — household size `h_t = hhs + hht · (t − base)`; households `H_t = P_t / h_t`;
//! new households `ΔH_t`; housing need `max(0, ΔH_t) + ren`. Eligible affordable-rental need, in
//! households (one unit each): `A_t = (max(0, mig)/h_t + Y_t) · elig · take`, the new citizens'
//! households (net migrants in households of the average size) and the residents who turn 22 in
//! year t (each a young worker's own household); `take` is calibrated so that the need of the
//! first year equals the 640 affordable rental units the district completed in 2022
//! (`scenario::hindcast`). Supply `aff` units a year; coverage is cumulative supply over
//! cumulative need.
//!
//! **Schools** — pupils: primary ages 6–11, junior-middle 12–14 (end-of-year ages); migrant
//! pupils `mpup` % of each. Public capacity grows by the published places in the first year, then
//! `plc` a year, `plp` % primary. Local pupils in public schools (`lpub` % of them) are placed
//! first; migrant children in public schools `min(migrant pupils, max(0, capacity − local pupils
//! in public))`; their share of all migrant pupils is reported.
//! Shortfall `max(0, pupils − capacity)`. Teachers needed at the national urban staffing ratios:
//! 19 primary and 13.5 junior pupils per teacher (国办发〔2001〕74号).
//!
//! **Medical insurance** — with newcomers `N_t = max(0, mig)` insured at `insn` % and a yearly
//! lapse `lap` % and enrolment drive `ins` % of the uninsured:
//! `c'_t = (c_{t−1} · (P_t − N_t) + insn · N_t) / P_t`, `c_t = c'_t · (1 − lap) + (1 − c'_t) · ins`.
//! The long-run level is `ins / (ins + lap)`.
//!
//! **Delivery** — planned works at the pace the levers set (per year, or a count reached).

use super::baseline::Baseline;
use super::cohort::{Population, StepFlows, StepRates, Survival, FEMALE, MALE};
use super::error::ModelError;
use super::levers::{LeverId as L, Levers};
use super::life_table::ModelLifeTable;
use super::math;
use super::schedules;
use super::targets::Metric;

/// Years projected after the base year (2025–2028 from a 2024 base).
pub const HORIZON: usize = 4;

/// Pupils per teacher in urban primary schools (国办发〔2001〕74号).
pub const PUPILS_PER_TEACHER_PRIMARY: f64 = 19.0;
/// Pupils per teacher in urban junior-middle schools (国办发〔2001〕74号).
pub const PUPILS_PER_TEACHER_JUNIOR: f64 = 13.5;

/// Everything computed for one year (the base year has zero flows).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct YearResult {
    pub year: i32,
    // Population
    pub population: f64,
    pub male: f64,
    pub female: f64,
    pub births: f64,
    pub deaths: f64,
    pub net_migrants: f64,
    pub growth_pct: f64,
    pub aged_0_14: f64,
    pub aged_15_64: f64,
    pub aged_65_plus: f64,
    // Employment
    pub labour_force: f64,
    pub employment_supply: f64,
    pub employment_demand: f64,
    pub employed: f64,
    pub new_urban_jobs: f64,
    // Housing
    pub household_size: f64,
    pub households: f64,
    pub new_households: f64,
    pub housing_need: f64,
    pub affordable_need: f64,
    pub affordable_supply: f64,
    pub affordable_coverage_pct: f64,
    // Schools
    pub primary_pupils: f64,
    pub junior_pupils: f64,
    pub migrant_pupils: f64,
    pub primary_capacity: f64,
    pub junior_capacity: f64,
    pub primary_shortfall: f64,
    pub junior_shortfall: f64,
    pub teachers_needed: f64,
    pub migrant_public_pct: f64,
    // Coverage
    pub insurance_pct: f64,
    // Delivery
    pub g5_stations: f64,
    pub rain_pipe_km: f64,
    pub benchmark_projects: f64,
    /// Levels and counts the plan sets for a date (the lever's value, or what was reported).
    pub digital_enterprises: f64,
    pub industrial_chains: f64,
    pub park_entry_increase: f64,
    pub new_enterprises_2025: f64,
    pub new_sishang_2025: f64,
}

/// A projection: the base year and each projected year, with the population tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// Index 0 is the base year, then one entry per projected year.
    pub years: Vec<YearResult>,
    /// Population by age and sex for each entry of `years`.
    pub populations: Vec<Population>,
}

/// The per-step rates and schedules derived from a baseline and a set of levers. Building them
/// (life tables, schedules) costs more than projecting, so the Monte Carlo and the UI build once
/// per parameter set.
#[derive(Debug, Clone)]
pub struct Prepared {
    rates: StepRates,
    /// Participation by sex and age for each year of the projection (index 0 = base year), with
    /// the retirement reform's delay of that year.
    participation: Vec<[Vec<f64>; 2]>,
    /// The base year's people aged 15–64 weighted by the standard participation, and unweighted
    /// (they fix the participation scale; lever-independent, so a draw reuses them).
    standard_labour: StandardLabour,
    /// Net migrants by sex and age per migrant (the profile split by `migm`; sums to 1): how a
    /// reported population's difference from the projection is spread.
    migration_shape: [Vec<f64>; 2],
}

impl Prepared {
    /// Derives the rates for `levers` on `baseline` (life tables from `life`).
    pub fn new(
        baseline: &Baseline,
        levers: &Levers,
        life: &ModelLifeTable,
    ) -> Result<Self, ModelError> {
        Self::with_survival(baseline, levers, survival_for(baseline, levers, life)?)
    }

    /// Derives the rates with survival already computed (the Monte Carlo computes it once: the
    /// life table is the costly part).
    pub fn with_survival(
        baseline: &Baseline,
        levers: &Levers,
        survival: [Survival; 2],
    ) -> Result<Self, ModelError> {
        Self::from_parts(
            baseline,
            levers,
            survival,
            &Schedules::new(baseline.population().groups()),
        )
    }

    /// Derives the rates from survival and the standard schedules (both reusable across draws).
    pub fn from_parts(
        baseline: &Baseline,
        levers: &Levers,
        survival: [Survival; 2],
        schedules: &Schedules,
    ) -> Result<Self, ModelError> {
        let pattern = schedules::fertility_pattern(
            levers.get(L::MeanAgeBirth),
            baseline.population().groups(),
        );
        Self::from_pattern(baseline, levers, survival, schedules, &pattern)
    }

    /// Derives the rates with the fertility age pattern given (the Monte Carlo interpolates it
    /// from a precomputed grid over the mean age at childbearing).
    pub fn from_pattern(
        baseline: &Baseline,
        levers: &Levers,
        survival: [Survival; 2],
        schedules: &Schedules,
        pattern: &[f64],
    ) -> Result<Self, ModelError> {
        let mut fertility = Vec::new();
        fill_fertility(&mut fertility, pattern, levers);
        let mut migrants = [Vec::new(), Vec::new()];
        fill_migrants(&mut migrants, &schedules.migration, levers);
        let mut migration_shape = [Vec::new(), Vec::new()];
        fill_migration_shape(&mut migration_shape, &schedules.migration, levers);
        let rates = StepRates::new(
            1,
            survival,
            fertility,
            levers.get(L::SexRatioBirth) / 100.0,
            migrants,
        )?;
        let mut participation = Vec::new();
        let standard_labour = StandardLabour::of(baseline, schedules);
        fill_participation(&mut participation, &standard_labour, schedules, levers);
        Ok(Prepared {
            rates,
            participation,
            standard_labour,
            migration_shape,
        })
    }

    /// The step rates (survival, fertility, sex ratio at birth, migrants) of these levers.
    pub fn rates(&self) -> &StepRates {
        &self.rates
    }

    /// Trusted in-place update for a Monte Carlo draw: the same rates as [`from_pattern`]
    /// (Self::from_pattern) without allocating or re-validating. `levers` are validated (drawn
    /// values are clamped into range), `pattern` and the survival come from validated grids.
    #[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
    pub(crate) fn update_for_draw(
        &mut self,
        baseline: &Baseline,
        levers: &Levers,
        schedules: &Schedules,
        pattern: &[f64],
        survival: impl FnOnce(&mut [Survival; 2]),
    ) {
        self.rates.update_trusted(|surv, fertility, srb, migrants| {
            survival(surv);
            fill_fertility(fertility, pattern, levers);
            *srb = levers.get(L::SexRatioBirth) / 100.0;
            fill_migrants(migrants, &schedules.migration, levers);
        });
        fill_migration_shape(&mut self.migration_shape, &schedules.migration, levers);
        debug_assert_eq!(
            self.standard_labour,
            StandardLabour::of(baseline, schedules)
        );
        fill_participation(
            &mut self.participation,
            &self.standard_labour,
            schedules,
            levers,
        );
    }
}

/// `F_x = tfr · pattern_x`.
fn fill_fertility(out: &mut Vec<f64>, pattern: &[f64], levers: &Levers) {
    let tfr = levers.get(L::Tfr);
    out.clear();
    out.extend(pattern.iter().map(|f| f * tfr));
}

/// Net migrants by sex: the profile times `mig`, split by `migm`.
fn fill_migrants(out: &mut [Vec<f64>; 2], profile: &[f64], levers: &Levers) {
    let mig = levers.get(L::NetMigration);
    let male_share = levers.get(L::MigrantMaleShare) / 100.0;
    for (sex, share) in [(FEMALE, 1.0 - male_share), (MALE, male_share)] {
        out[sex].clear();
        out[sex].extend(profile.iter().map(|p| p * mig * share));
    }
}

/// Net migrants by sex per migrant: the profile split by `migm`.
fn fill_migration_shape(out: &mut [Vec<f64>; 2], profile: &[f64], levers: &Levers) {
    let male_share = levers.get(L::MigrantMaleShare) / 100.0;
    for (sex, share) in [(FEMALE, 1.0 - male_share), (MALE, male_share)] {
        out[sex].clear();
        out[sex].extend(profile.iter().map(|p| p * share));
    }
}

/// The base year's people aged 15–64, weighted by the standard participation and unweighted.
#[derive(Debug, Clone, Copy, PartialEq)]
struct StandardLabour {
    active: f64,
    people: f64,
}

impl StandardLabour {
    fn of(baseline: &Baseline, schedules: &Schedules) -> Self {
        let standard = &schedules.participation;
        let pop = baseline.population();
        let (mut active, mut people) = (0.0, 0.0);
        for sex in [FEMALE, MALE] {
            for (p, s) in pop.sex(sex)[15..=64].iter().zip(&standard[sex][15..=64]) {
                active += p * s;
                people += p;
            }
        }
        StandardLabour { active, people }
    }
}

/// The standard participation scaled by `κ` so that base-year participation at 15–64 equals
/// `lfp` (each age capped at 0.99), for each year of the projection with that year's
/// retirement delay (`Schedules::participation_by_year`).
fn fill_participation(
    out: &mut Vec<[Vec<f64>; 2]>,
    base: &StandardLabour,
    schedules: &Schedules,
    levers: &Levers,
) {
    let kappa = if base.active > 0.0 {
        levers.get(L::Participation) / 100.0 * base.people / base.active
    } else {
        0.0
    };
    out.resize_with(schedules.participation_by_year.len(), Default::default);
    for (year, standard) in out.iter_mut().zip(&schedules.participation_by_year) {
        for sex in [FEMALE, MALE] {
            year[sex].clear();
            year[sex].extend(standard[sex].iter().map(|p| math::min(p * kappa, 0.99)));
        }
    }
}

/// The lever-independent age schedules (migration profile, standard participation), built once.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedules {
    migration: Vec<f64>,
    /// The standard participation of the base year (it fixes `κ`).
    participation: [Vec<f64>; 2],
    /// The standard participation of each year from the base year (2024) to the horizon, with
    /// the retirement reform's delay of that year.
    participation_by_year: Vec<[Vec<f64>; 2]>,
}

impl Schedules {
    /// The schedules for `groups` single-year age groups.
    pub fn new(groups: usize) -> Self {
        let participation = schedules::participation_standard(groups);
        let participation_by_year = (0..=HORIZON)
            .map(|year| {
                let (women, men) = schedules::retirement_delay(year);
                [
                    schedules::delay_retirement(
                        &participation[FEMALE],
                        schedules::RETIREMENT_FROM[FEMALE],
                        women,
                    ),
                    schedules::delay_retirement(
                        &participation[MALE],
                        schedules::RETIREMENT_FROM[MALE],
                        men,
                    ),
                ]
            })
            .collect();
        Schedules {
            migration: schedules::migration_profile(groups),
            participation,
            participation_by_year,
        }
    }
}

/// Survival of both sexes from the life-expectancy levers through the model life table.
pub fn survival_for(
    baseline: &Baseline,
    levers: &Levers,
    life: &ModelLifeTable,
) -> Result<[Survival; 2], ModelError> {
    let open_age = baseline.population().groups() - 1;
    Ok([
        Survival::from_nlx(
            &life.single_year(levers.get(L::E0Female), open_age)?.nlx,
            1.0,
            1,
        )?,
        Survival::from_nlx(
            &life.single_year(levers.get(L::E0Male), open_age)?.nlx,
            1.0,
            1,
        )?,
    ])
}

/// Sum of both sexes over ages `from..=to`.
fn ages(pop: &Population, from: usize, to: usize) -> f64 {
    pop.sum_groups(from, to)
}

/// Projects `HORIZON` years from the baseline with prepared rates and the levers.
pub fn project(baseline: &Baseline, prepared: &Prepared, levers: &Levers) -> Projection {
    let mut out = Projection {
        years: Vec::with_capacity(HORIZON + 1),
        populations: Vec::with_capacity(HORIZON + 1),
    };
    let mut buffers = ProjectionBuffers::default();
    project_inner(
        baseline,
        BaseDraw::of(baseline),
        prepared,
        levers,
        true,
        &mut buffers,
        &mut out,
    );
    out
}

/// As [`project`] but without keeping the population tables (`populations` stays empty): the
/// Monte Carlo keeps only summaries.
pub fn project_years(baseline: &Baseline, prepared: &Prepared, levers: &Levers) -> Projection {
    let mut out = Projection {
        years: Vec::with_capacity(HORIZON + 1),
        populations: Vec::new(),
    };
    let mut buffers = ProjectionBuffers::default();
    project_inner(
        baseline,
        BaseDraw::of(baseline),
        prepared,
        levers,
        false,
        &mut buffers,
        &mut out,
    );
    out
}

/// The two population tables a projection alternates between, kept from one projection to the
/// next by the Monte Carlo so that a draw allocates nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProjectionBuffers {
    tables: Option<(Population, Population)>,
}

/// Base-year figures that a Monte Carlo draw replaces (the estimates it draws): the population
/// table scaled by `population_scale`, public places and insurance participation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BaseDraw {
    pub population_scale: f64,
    pub primary_capacity: f64,
    pub junior_capacity: f64,
    pub insurance_pct: f64,
}

impl BaseDraw {
    /// The baseline's own figures.
    pub(crate) fn of(baseline: &Baseline) -> BaseDraw {
        BaseDraw {
            population_scale: 1.0,
            primary_capacity: baseline.primary_capacity(),
            junior_capacity: baseline.junior_capacity(),
            insurance_pct: baseline.insurance_pct(),
        }
    }
}

/// As [`project_years`], overwriting `out` (its `populations` left empty) and reusing `buffers`,
/// with the base-year figures of `base`.
pub(crate) fn project_years_into(
    baseline: &Baseline,
    base: BaseDraw,
    prepared: &Prepared,
    levers: &Levers,
    buffers: &mut ProjectionBuffers,
    out: &mut Projection,
) {
    out.populations.clear();
    project_inner(baseline, base, prepared, levers, false, buffers, out);
}

#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
fn project_inner(
    baseline: &Baseline,
    base_draw: BaseDraw,
    prepared: &Prepared,
    levers: &Levers,
    keep_populations: bool,
    buffers: &mut ProjectionBuffers,
    out: &mut Projection,
) {
    let v = |id: L| levers.get(id);
    let pct = |id: L| levers.get(id) / 100.0;
    let actuals = baseline.actuals();
    let reported = |metric: Metric, year: i32| actuals.metric(metric, year);
    let (pop, scratch) = match &mut buffers.tables {
        Some((pop, scratch)) => {
            pop.copy_from(baseline.population());
            (pop, scratch)
        }
        None => {
            let tables = buffers
                .tables
                .insert((baseline.population().clone(), baseline.population().clone()));
            (&mut tables.0, &mut tables.1)
        }
    };
    if base_draw.population_scale != 1.0 {
        pop.scale_in_place(base_draw.population_scale);
    }

    let migrant_share = pct(L::MigrantPupilShare);
    let mut base = YearResult {
        year: baseline.base_year(),
        ..YearResult::default()
    };
    fill_stocks(
        &mut base,
        pop,
        &prepared.participation[0],
        v(L::Unemployment) / 100.0,
        v(L::HouseholdSize),
    );
    base.employment_demand = base.employment_supply;
    base.employed = base.employment_supply;
    base.primary_capacity = base_draw.primary_capacity;
    base.junior_capacity = base_draw.junior_capacity;
    fill_schools(&mut base, migrant_share, pct(L::LocalPublicShare));
    base.insurance_pct = base_draw.insurance_pct;
    base.affordable_coverage_pct = 100.0;

    let years = &mut out.years;
    years.clear();
    years.push(base);
    if keep_populations {
        out.populations.push(pop.clone());
    }

    let mut prev = base;
    let (mut cum_need, mut cum_supply) = (0.0, 0.0);
    for i in 1..=HORIZON {
        let mut flows: StepFlows = pop.step_into(&prepared.rates, scratch);
        std::mem::swap(pop, scratch);
        let year = baseline.base_year() + i as i32;
        // A reported year-end population: the difference from the projected total is net
        // migration the model missed, added at the year's end by the migration profile.
        let mut missed_migrants = 0.0;
        if let Some(reported) = actuals.population(year) {
            missed_migrants = pop.add_at_end(reported - pop.total(), &prepared.migration_shape);
            flows.migrants += missed_migrants;
        }
        let mut y = YearResult {
            year,
            ..YearResult::default()
        };
        let hh_size = math::max(v(L::HouseholdSize) + v(L::HouseholdTrend) * i as f64, 1.0);
        fill_stocks(
            &mut y,
            pop,
            &prepared.participation[i],
            pct(L::Unemployment),
            hh_size,
        );
        y.births = flows.births;
        y.deaths = flows.deaths;
        y.net_migrants = flows.migrants;
        y.growth_pct = if prev.population > 0.0 {
            (y.population / prev.population - 1.0) * 100.0
        } else {
            0.0
        };

        // Employment: jobs at Licheng's employers grow with GDP; new urban jobs are counted
        // where the job is registered (the official definition), so they follow those jobs.
        y.employment_demand = prev.employment_demand * (1.0 + pct(L::GdpGrowth) * v(L::Elasticity));
        y.employed = math::max(math::min(y.employment_supply, y.employment_demand), 0.0);
        y.new_urban_jobs = reported(Metric::NewUrbanJobsCum, year).unwrap_or_else(|| {
            new_urban_jobs(
                prev.employment_demand,
                y.employment_demand,
                pct(L::Turnover),
            )
        });

        // Housing
        y.new_households = y.households - prev.households;
        y.housing_need = math::max(y.new_households, 0.0) + v(L::Renewal);
        let turning_22 = ages(pop, 22, 22);
        let newcomers = math::max(v(L::NetMigration) + missed_migrants, 0.0);
        y.affordable_need = affordable_need_households(newcomers, turning_22, hh_size)
            * pct(L::Eligible)
            * pct(L::TakeUp);
        y.affordable_supply =
            reported(Metric::AffordableUnitsCum, year).unwrap_or(v(L::AffordableSupply));
        cum_need += y.affordable_need;
        cum_supply += y.affordable_supply;
        y.affordable_coverage_pct = if cum_need > 0.0 {
            cum_supply / cum_need * 100.0
        } else {
            100.0
        };

        // Schools
        let places = if i == 1 {
            baseline.places_first_year()
        } else {
            v(L::SchoolPlaces)
        };
        y.primary_capacity = prev.primary_capacity + places * pct(L::PrimaryShareOfPlaces);
        y.junior_capacity = prev.junior_capacity + places * (1.0 - pct(L::PrimaryShareOfPlaces));
        fill_schools(&mut y, migrant_share, pct(L::LocalPublicShare));
        if let Some(share) = reported(Metric::MigrantChildrenPublicPct, year) {
            y.migrant_public_pct = share;
        }

        // Medical insurance
        let newcomers = math::min(newcomers, y.population);
        let c_prev = prev.insurance_pct / 100.0;
        let mixed = if y.population > 0.0 {
            (c_prev * (y.population - newcomers) + pct(L::InsuranceNewcomers) * newcomers)
                / y.population
        } else {
            c_prev
        };
        y.insurance_pct = reported(Metric::MedicalInsurancePct, year).unwrap_or(
            (mixed * (1.0 - pct(L::InsuranceLapse)) + (1.0 - mixed) * pct(L::InsuranceEffort))
                * 100.0,
        );

        // Delivery: a pace a year, or a level reached by a date. A level reported for an
        // earlier year is kept: the lever's level is not taken below it.
        let delivered = |metric: Metric, lever: L| reported(metric, year).unwrap_or(v(lever));
        y.g5_stations = delivered(Metric::G5StationsCum, L::G5PerYear);
        y.rain_pipe_km = delivered(Metric::RainPipeKmPerYear, L::PipesPerYear);
        y.benchmark_projects = delivered(Metric::BenchmarkProjects, L::BenchmarkPerYear);
        y.new_enterprises_2025 = delivered(
            Metric::NewEnterprisesInProduction2025,
            L::NewEnterprises2025,
        );
        y.new_sishang_2025 = delivered(Metric::NewSishang2025, L::NewSishang2025);
        let level = |metric: Metric, lever: L, before: f64| {
            reported(metric, year).unwrap_or_else(|| {
                if i == 1 {
                    v(lever)
                } else {
                    math::max(v(lever), before)
                }
            })
        };
        y.digital_enterprises = level(
            Metric::DigitalLevel2Enterprises,
            L::DigitalEnterprises,
            prev.digital_enterprises,
        );
        y.industrial_chains = level(
            Metric::KeyIndustrialChains,
            L::IndustrialChains,
            prev.industrial_chains,
        );
        y.park_entry_increase = level(
            Metric::ParkEntryIncreasePct,
            L::ParkEntryIncrease,
            prev.park_entry_increase,
        );

        years.push(y);
        if keep_populations {
            out.populations.push(pop.clone());
        }
        prev = y;
    }
}

/// Households that may need affordable rental housing in a year, before eligibility and
/// take-up: the new citizens' households (`newcomers` persons in households of `household_size`)
/// and `turning_22` young people, each forming a household of their own.
pub fn affordable_need_households(newcomers: f64, turning_22: f64, household_size: f64) -> f64 {
    newcomers / household_size + turning_22
}

/// New urban jobs (城镇新增就业) in a year: people newly employed in urban units minus natural
/// attrition, counted where the job is registered. The model's reading: the jobs created as
/// jobs at the district's employers grow from `jobs_before` to `jobs_now`, plus the leavers they
/// replace (`replacement` of the jobs at the start of the year).
pub fn new_urban_jobs(jobs_before: f64, jobs_now: f64, replacement: f64) -> f64 {
    math::max(jobs_now - jobs_before, 0.0) + replacement * jobs_before
}

/// Stocks that follow from the population alone: sums over age ranges (ages 0–14, 15–64, 65+;
/// primary 6–11, junior 12–14) with [`math::sum`]'s fixed order, and the labour force as a dot
/// product from age 15 (participation is zero below). Baselines have at least 66 groups.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
fn fill_stocks(
    y: &mut YearResult,
    pop: &Population,
    participation: &[Vec<f64>; 2],
    unemployment: f64,
    hh_size: f64,
) {
    let by_sex = |counts: &[f64], rates: &[f64]| {
        let young = math::sum(&counts[..15]);
        let working = math::sum(&counts[15..65]);
        let old = math::sum(&counts[65..]);
        let primary = math::sum(&counts[6..12]);
        let junior = math::sum(&counts[12..15]);
        let labour = math::dot(&counts[15..], &rates[15..]);
        (young, working, old, primary, junior, labour)
    };
    let f = by_sex(pop.sex(FEMALE), &participation[FEMALE]);
    let m = by_sex(pop.sex(MALE), &participation[MALE]);
    y.female = (f.0 + f.1) + f.2;
    y.male = (m.0 + m.1) + m.2;
    y.population = y.female + y.male;
    y.aged_0_14 = f.0 + m.0;
    y.aged_15_64 = f.1 + m.1;
    y.aged_65_plus = f.2 + m.2;
    y.labour_force = f.5 + m.5;
    y.employment_supply = y.labour_force * (1.0 - unemployment);
    y.household_size = hh_size;
    y.households = y.population / hh_size;
    y.primary_pupils = f.3 + m.3;
    y.junior_pupils = f.4 + m.4;
}

/// Shortfalls, teachers and the migrant children's public share from pupils and capacity.
fn fill_schools(y: &mut YearResult, migrant_share: f64, local_public_share: f64) {
    y.primary_shortfall = math::max(y.primary_pupils - y.primary_capacity, 0.0);
    y.junior_shortfall = math::max(y.junior_pupils - y.junior_capacity, 0.0);
    y.teachers_needed =
        y.primary_pupils / PUPILS_PER_TEACHER_PRIMARY + y.junior_pupils / PUPILS_PER_TEACHER_JUNIOR;
    // Migrant pupils of each level, and how many of them public places can take once the
    // local pupils in public schools are seated. Summed the same way, so that when every
    // migrant child is placed the share is exactly 100 (no rounding below the target).
    let (primary_migrants, junior_migrants) = (
        y.primary_pupils * migrant_share,
        y.junior_pupils * migrant_share,
    );
    let placed = |pupils: f64, migrants: f64, capacity: f64| {
        let locals_in_public = (pupils - migrants) * local_public_share;
        math::min(migrants, math::max(capacity - locals_in_public, 0.0))
    };
    let migrants = primary_migrants + junior_migrants;
    let in_public = placed(y.primary_pupils, primary_migrants, y.primary_capacity)
        + placed(y.junior_pupils, junior_migrants, y.junior_capacity);
    y.migrant_pupils = migrants;
    y.migrant_public_pct = if migrants > 0.0 && in_public < migrants {
        in_public / migrants * 100.0
    } else {
        100.0
    };
}
