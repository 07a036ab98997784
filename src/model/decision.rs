//! Decision analysis over the projection: the tornado (which lever decides a target) and
//! goal-seek (what lever value meets a target with a given probability).
//!
//! * **Tornado.** For one target, each lever in turn is set low and high by its documented
//!   10th–90th percentile distance around its current value (half the low–high width each way,
//!   times the spread; on the log scale for log-normal levers), all others at their current
//!   values; the
//!   levers are ranked by the swing `|value(high) − value(low)|` of the target's value.
//! * **Goal-seek.** For one target and one lever, `P(v)` is the share of draws `0..n` that meet
//!   the target when the lever's central value is `v` (common random numbers: the same draws for
//!   every `v`, so `P` changes only through `v`). Bisection over the lever's valid range finds
//!   the smallest change from the range end where `P < q` to the end where `P ≥ q`, for each
//!   requested probability `q`; when `P` does not cross `q` within the range the answer is
//!   "not reachable", with `P` at both ends.

use super::baseline::Baseline;
use super::error::ModelError;
use super::levers::{LeverId, Levers, LEVERS};
use super::life_table::ModelLifeTable;
use super::math;
use super::montecarlo::{MonteCarlo, Settings};
use super::projection::{self, Prepared};
use super::targets::Target;

/// One bar of the tornado.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TornadoBar {
    pub lever: LeverId,
    /// The lever's low and high values used.
    pub lever_low: f64,
    pub lever_high: f64,
    /// The target's value with the lever low and high.
    pub value_low: f64,
    pub value_high: f64,
    /// `|value_high − value_low|`.
    pub swing: f64,
}

/// The tornado of one target: bars sorted by swing, largest first (levers with no swing left
/// out), and the target's value with every lever central.
#[derive(Debug, Clone, PartialEq)]
pub struct Tornado {
    pub central_value: f64,
    pub bars: Vec<TornadoBar>,
}

fn target_value(
    baseline: &Baseline,
    target: &Target,
    levers: &Levers,
    life: &ModelLifeTable,
) -> Result<f64, ModelError> {
    let prepared = Prepared::new(baseline, levers, life)?;
    let projection = projection::project(baseline, &prepared, levers);
    Ok(target.evaluate(&projection, levers).value)
}

/// The tornado of `target` around `central` (`spread` as in the Monte Carlo).
pub fn tornado(
    baseline: &Baseline,
    target: &Target,
    central: &Levers,
    life: &ModelLifeTable,
    spread: f64,
) -> Result<Tornado, ModelError> {
    let central_value = target_value(baseline, target, central, life)?;
    let mut bars = Vec::new();
    for spec in &LEVERS {
        let v = central.get(spec.id);
        let half = (spec.high - spec.low) / 2.0 * spread;
        let (lo, hi) = match spec.spread {
            super::levers::Spread::LogNormal if v > 0.0 && spec.low > 0.0 => {
                let sigma = (super::math::ln(spec.high / spec.default)
                    - super::math::ln(spec.low / spec.default))
                    / 2.0
                    * spread;
                (v * super::math::exp(-sigma), v * super::math::exp(sigma))
            }
            _ => (v - half, v + half),
        };
        let (lo, hi) = (lo.clamp(spec.min, spec.max), hi.clamp(spec.min, spec.max));
        let mut with = central.clone();
        with.set(spec.id, lo)?;
        let value_low = target_value(baseline, target, &with, life)?;
        with.set(spec.id, hi)?;
        let value_high = target_value(baseline, target, &with, life)?;
        let swing = (value_high - value_low).abs();
        if swing > 0.0 {
            bars.push(TornadoBar {
                lever: spec.id,
                lever_low: lo,
                lever_high: hi,
                value_low,
                value_high,
                swing,
            });
        }
    }
    bars.sort_by(|a, b| b.swing.total_cmp(&a.swing));
    Ok(Tornado {
        central_value,
        bars,
    })
}

/// The goal-seek answer for one probability.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Seek {
    /// The lever value at which the probability first reaches the level, on the lever's step
    /// grid and inside its valid range, with the probability re-checked at that value;
    /// `outside_documented` when it lies beyond the lever's documented low–high.
    Reached {
        value: f64,
        probability: f64,
        outside_documented: bool,
    },
    /// Not reachable within the lever's range: the probabilities at its two ends.
    NotReachable { at_min: f64, at_max: f64 },
}

/// Share of draws `0..draws` meeting `target_index` with the lever's central value at `v`.
#[allow(clippy::too_many_arguments)]
fn probability_at(
    baseline: &Baseline,
    targets: &[Target],
    target_index: usize,
    central: &Levers,
    lever: LeverId,
    v: f64,
    life: &ModelLifeTable,
    settings: Settings,
    draws: u64,
) -> Result<f64, ModelError> {
    let mut levers = central.clone();
    levers.set(lever, v)?;
    let mc = MonteCarlo::new(baseline, targets, &levers, life, settings)?;
    let met = mc.draws(0..draws).met_count(target_index);
    Ok(met as f64 / draws.max(1) as f64)
}

/// Goal-seek for each probability in `levels` (e.g. 0.5 and 0.8).
#[allow(clippy::too_many_arguments)]
pub fn goal_seek(
    baseline: &Baseline,
    targets: &[Target],
    target_index: usize,
    central: &Levers,
    lever: LeverId,
    levels: &[f64],
    life: &ModelLifeTable,
    settings: Settings,
    draws: u64,
) -> Result<Vec<Seek>, ModelError> {
    let spec = lever.spec();
    let p = |v: f64| {
        probability_at(
            baseline,
            targets,
            target_index,
            central,
            lever,
            v,
            life,
            settings,
            draws,
        )
    };
    let (at_min, at_max) = (p(spec.min)?, p(spec.max)?);
    let mut out = Vec::with_capacity(levels.len());
    for &q in levels {
        // Orient the search: `bad` end below q, `good` end at or above q.
        let (mut bad, mut good) = if at_max >= q && at_min < q {
            (spec.min, spec.max)
        } else if at_min >= q && at_max < q {
            (spec.max, spec.min)
        } else if at_min >= q && at_max >= q {
            // Met everywhere: the end nearest the current value is already enough.
            let value = central.get(lever);
            out.push(Seek::Reached {
                value,
                probability: p(value)?,
                outside_documented: value < spec.low || value > spec.high,
            });
            continue;
        } else {
            out.push(Seek::NotReachable { at_min, at_max });
            continue;
        };
        let toward_good = if good > bad { 1.0 } else { -1.0 };
        let mut p_good = if good == spec.max { at_max } else { at_min };
        for _ in 0..30 {
            if (good - bad).abs() <= spec.step / 100.0 {
                break;
            }
            let mid = (bad + good) / 2.0;
            let pm = p(mid)?;
            if pm >= q {
                good = mid;
                p_good = pm;
            } else {
                bad = mid;
            }
        }
        // A value a person would type: the bisection's answer moved onto the step grid toward
        // the side that meets the level, checked again there (draws make the probability a
        // step function, so the next step is tried while the level is missed).
        let mut value = on_step(good, toward_good, spec.min, spec.max, spec.step);
        let mut probability = if value == good { p_good } else { p(value)? };
        for _ in 0..3 {
            if probability >= q {
                break;
            }
            let next = on_step(
                value + toward_good * spec.step,
                0.0,
                spec.min,
                spec.max,
                spec.step,
            );
            if next == value {
                break;
            }
            value = next;
            probability = p(value)?;
        }
        out.push(Seek::Reached {
            value,
            probability,
            outside_documented: value < spec.low || value > spec.high,
        });
    }
    Ok(out)
}

/// `v` on the grid `min + k·step` (rounded toward `direction`'s sign, to nearest when 0),
/// inside `[min, max]`, written with the step's decimals so it reads as typed (0.3, not
/// 0.30000000000000004).
pub fn on_step(v: f64, direction: f64, min: f64, max: f64, step: f64) -> f64 {
    if step <= 0.0 || !v.is_finite() {
        return math::min(math::max(v, min), max);
    }
    let k = (v - min) / step;
    let k = if direction > 0.0 {
        -math::floor(-k + 1e-9)
    } else if direction < 0.0 {
        math::floor(k + 1e-9)
    } else {
        math::floor(k + 0.5)
    };
    let x = math::min(math::max(min + k * step, min), max);
    let decimals = (0..10)
        .find(|d| {
            let scaled = step * 10f64.powi(*d);
            (scaled - math::floor(scaled + 0.5)).abs() < 1e-9
        })
        .unwrap_or(10) as usize;
    format!("{x:.decimals$}").parse().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::on_step;

    #[test]
    fn answers_go_onto_the_step_grid_toward_the_side_asked() {
        assert_eq!(on_step(4515.686, 1.0, -2000.0, 6000.0, 50.0), 4550.0);
        assert_eq!(on_step(4515.686, -1.0, -2000.0, 6000.0, 50.0), 4500.0);
        assert_eq!(on_step(4515.686, 0.0, -2000.0, 6000.0, 50.0), 4500.0);
        assert_eq!(on_step(0.30000000000000004, 1.0, 0.0, 1.0, 0.1), 0.3);
        assert_eq!(on_step(0.71, 1.0, 0.0, 1.0, 0.05), 0.75);
        assert_eq!(on_step(9.99, 1.0, 0.0, 10.0, 0.5), 10.0);
        assert_eq!(
            on_step(10.2, 1.0, 0.0, 10.0, 0.5),
            10.0,
            "kept inside the range"
        );
    }
}
