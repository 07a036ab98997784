//! Monte Carlo, tornado and goal-seek for a scenario, and their outputs as text, CSV and JSON
//! (the CLI and the page's worker print the same numbers).

use super::engine::Engine;
use super::error::InputError;
use super::mc_messages::McSummary;
use super::status::Status;
use crate::model::decision::{self, Seek, Tornado};
use crate::model::levers::{LeverId, Levers};
use crate::model::montecarlo::{
    self, BaseUncertainty, DrawTable, McResult, MonteCarlo, Series, Settings, PERCENTILES,
};
use crate::model::projection::HORIZON;
use serde_json::{json, Value};

/// Default seed of every scenario (the work plan's issue date).
pub const DEFAULT_SEED: u64 = 20_250_509;
/// Default number of draws in the browser.
pub const BROWSER_DRAWS: u64 = 2_000;

impl Engine {
    /// Prepares a Monte Carlo around `levers`.
    pub fn monte_carlo(
        &self,
        levers: &Levers,
        settings: Settings,
    ) -> Result<MonteCarlo, InputError> {
        self.monte_carlo_reusing(None, levers, settings)
    }

    /// Prepares a Monte Carlo around `levers`, reusing from `previous` (a run prepared before)
    /// the life tables, fertility patterns and distributions the change left alone (see
    /// [`MonteCarlo::new_reusing`]): the worker keeps its last run, so a new seed or number of
    /// draws, or a moved lever, rebuilds only what depends on it.
    pub fn monte_carlo_reusing(
        &self,
        previous: Option<&MonteCarlo>,
        levers: &Levers,
        settings: Settings,
    ) -> Result<MonteCarlo, InputError> {
        Ok(MonteCarlo::new_reusing(
            previous,
            self.baseline(),
            self.targets(),
            levers,
            self.life_table(),
            settings.with_base(self.base_uncertainty()),
        )?)
    }

    /// Runs `draws` draws and summarises them.
    pub fn run_monte_carlo(
        &self,
        levers: &Levers,
        settings: Settings,
        draws: u64,
    ) -> Result<McResult, InputError> {
        check_draws(draws)?;
        let mc = self.monte_carlo(levers, settings)?;
        Ok(montecarlo::summarize(&mut draw_all(&mc, draws)))
    }

    /// The index of a target by id.
    pub fn target_index(&self, id: &str) -> Result<usize, InputError> {
        self.plan()
            .targets
            .iter()
            .position(|t| t.id == id)
            .ok_or_else(|| {
                let ids: Vec<&str> = self.plan().targets.iter().map(|t| t.id.as_str()).collect();
                InputError::new(
                    id,
                    format!("未知目标（可用：{}）", ids.join("、")),
                    format!("unknown target (one of: {})", ids.join(", ")),
                )
            })
    }

    /// The tornado of one target.
    pub fn tornado(
        &self,
        target: usize,
        levers: &Levers,
        spread: f64,
    ) -> Result<Tornado, InputError> {
        Ok(decision::tornado(
            self.baseline(),
            &self.targets()[target],
            levers,
            self.life_table(),
            spread,
        )?)
    }

    /// Goal-seek for one target and lever at the given probabilities.
    pub fn goal_seek(
        &self,
        target: usize,
        lever: LeverId,
        levers: &Levers,
        levels: &[f64],
        settings: Settings,
        draws: u64,
    ) -> Result<Vec<Seek>, InputError> {
        check_draws(draws)?;
        Ok(decision::goal_seek(
            self.baseline(),
            self.targets(),
            target,
            levers,
            lever,
            levels,
            self.life_table(),
            settings.with_base(self.base_uncertainty()),
            draws,
        )?)
    }

    /// How much the Monte Carlo varies the base-year figures: the built-in baseline's estimates
    /// (population, public places, insurance participation) within their stated ranges; what
    /// the analyst gave (an imported population, an edited figure) is held fixed.
    pub fn base_uncertainty(&self) -> BaseUncertainty {
        use crate::model::baseline::Stock;
        let given = self.given();
        let e = BaseUncertainty::ESTIMATES;
        let places_given = given.stocks.contains(&Stock::PrimaryCapacity)
            || given.stocks.contains(&Stock::JuniorCapacity);
        BaseUncertainty {
            population_rel: if given.population {
                0.0
            } else {
                e.population_rel
            },
            capacity_rel: if places_given { 0.0 } else { e.capacity_rel },
            insurance_pp: if given.stocks.contains(&Stock::InsurancePct) {
                0.0
            } else {
                e.insurance_pp
            },
        }
    }
}

/// Draws `0..draws`: natively split over the machine's cores (draw `i` depends only on the seed
/// and `i`, so the split changes nothing); in the browser the worker calls `MonteCarlo::draws`
/// chunk by chunk instead.
pub fn draw_all(mc: &MonteCarlo, draws: u64) -> DrawTable {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(16) as u64;
        if threads > 1 && draws >= 256 {
            let chunk = draws.div_ceil(threads);
            return std::thread::scope(|scope| {
                let handles: Vec<_> = (0..threads)
                    .map(|t| {
                        let range = (t * chunk).min(draws)..((t + 1) * chunk).min(draws);
                        scope.spawn(move || mc.draws(range))
                    })
                    .collect();
                let mut all = DrawTable::new(mc.target_count(), draws as usize);
                for h in handles {
                    all.append(&h.join().expect("a draw never panics"));
                }
                all
            });
        }
    }
    mc.draws(0..draws)
}

/// Checks a draw count: 1 to `MAX_DRAWS`.
pub fn check_draws(draws: u64) -> Result<(), InputError> {
    if draws == 0 || draws > montecarlo::MAX_DRAWS {
        return Err(InputError::new(
            "draws",
            format!("抽样次数应为 1 至 {}", montecarlo::MAX_DRAWS),
            format!("the number of draws must be 1 to {}", montecarlo::MAX_DRAWS),
        ));
    }
    Ok(())
}

fn pct_key(q: f64) -> String {
    format!("p{}", q * 100.0)
}

/// The Monte Carlo result as JSON (the page exports its summary with the same function).
pub fn mc_json(engine: &Engine, result: &McSummary, settings: Settings) -> Value {
    let base_year = engine.baseline().base_year();
    let series: serde_json::Map<String, Value> = Series::ALL
        .iter()
        .zip(&result.bands)
        .map(|(s, bands)| {
            let years: Vec<Value> = (0..HORIZON.min(bands.len()))
                .map(|t| {
                    let mut m = serde_json::Map::new();
                    m.insert("year".into(), json!(base_year + 1 + t as i32));
                    for (q, v) in PERCENTILES.iter().zip(bands[t]) {
                        m.insert(pct_key(*q), json!(v));
                    }
                    Value::Object(m)
                })
                .collect();
            (s.key().to_string(), Value::Array(years))
        })
        .collect();
    let targets: Vec<Value> = engine
        .plan()
        .targets
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let mut m = serde_json::Map::new();
            m.insert("id".into(), json!(t.id));
            let status = Status::of_target(engine, k, result.probability[k]);
            if status == Some(Status::NoRecord) {
                // Not evidence, so not given as the probability; kept under its own name.
                m.insert("probability".into(), Value::Null);
                m.insert(
                    "probability_at_assumed_pace".into(),
                    json!(result.probability[k]),
                );
            } else {
                m.insert("probability".into(), json!(result.probability[k]));
            }
            m.insert("status".into(), json!(status.map(Status::id)));
            if let Some(metric) = crate::model::targets::Metric::from_id(&t.metric) {
                if metric.delivery_lever().is_some() {
                    let record = !super::status::without_record(metric);
                    m.insert("delivery_record".into(), json!(record));
                }
            }
            for (q, v) in PERCENTILES.iter().zip(result.target_bands[k]) {
                m.insert(pct_key(*q), json!(v));
            }
            Value::Object(m)
        })
        .collect();
    json!({"seed": settings.seed, "spread": settings.spread, "draws": result.draws, "series": series, "targets": targets})
}

/// The Monte Carlo result as CSV: one row per series and year, then one per target.
pub fn mc_csv(engine: &Engine, result: &McSummary) -> String {
    let base_year = engine.baseline().base_year();
    let mut out = String::from("series,year,p2.5,p10,p50,p90,p97.5\n");
    for (s, bands) in Series::ALL.iter().zip(&result.bands) {
        for (t, band) in bands.iter().enumerate() {
            out.push_str(&format!("{},{}", s.key(), base_year + 1 + t as i32));
            for v in band {
                out.push_str(&format!(",{v}"));
            }
            out.push('\n');
        }
    }
    out.push_str("\ntarget,probability,status,p2.5,p10,p50,p90,p97.5\n");
    for (k, t) in engine.plan().targets.iter().enumerate() {
        let status = Status::of_target(engine, k, result.probability[k]);
        let probability = match status {
            Some(Status::NoRecord) => String::new(),
            _ => result.probability[k].to_string(),
        };
        let status = status.map_or("", Status::id);
        out.push_str(&format!("{},{probability},{status}", t.id));
        for v in result.target_bands[k] {
            out.push_str(&format!(",{v}"));
        }
        out.push('\n');
    }
    out
}

/// The tornado as JSON.
pub fn tornado_json(target_id: &str, t: &Tornado) -> Value {
    let bars: Vec<Value> = t
        .bars
        .iter()
        .map(|b| {
            json!({"lever": b.lever.spec().key, "label_zh": b.lever.spec().label_zh, "label_en": b.lever.spec().label_en,
                   "lever_low": b.lever_low, "lever_high": b.lever_high,
                   "value_low": b.value_low, "value_high": b.value_high, "swing": b.swing})
        })
        .collect();
    json!({"target": target_id, "central_value": t.central_value, "bars": bars})
}

/// The goal-seek answers as JSON.
pub fn seek_json(target_id: &str, lever: LeverId, levels: &[f64], seeks: &[Seek]) -> Value {
    let answers: Vec<Value> = levels
        .iter()
        .zip(seeks)
        .map(|(q, s)| match s {
            Seek::Reached {
                value,
                probability,
                outside_documented,
            } => {
                json!({"probability_level": q, "reachable": true, "lever_value": value, "probability": probability,
                       "outside_documented_range": outside_documented})
            }
            Seek::NotReachable { at_min, at_max } => {
                json!({"probability_level": q, "reachable": false, "probability_at_min": at_min, "probability_at_max": at_max,
                       "reason": super::status::unreachable_reason(*at_min, *at_max, false)})
            }
        })
        .collect();
    json!({"target": target_id, "lever": lever.spec().key, "answers": answers})
}
