//! The Monte Carlo as the page shows and asks for it, pure (tested natively): the worker's job
//! for a scenario (`scenario_job`, `job_for`), the charts' uncertainty bands from a summary
//! (`bands`), and what the probabilities rest on (`mc_basis`).

use super::format;
use super::i18n::{self, Lang};
use super::scale::Band;
use super::state::Workbench;
use crate::model::cohort::{FEMALE, MALE};
use crate::model::levers::{LeverId, Levers};
use crate::model::montecarlo::Series;
use crate::scenario::baseline_edits::BaselineEdits;
use crate::scenario::mc_messages::{McJob, McSummary};
use crate::scenario::mc_state::{McSettings, CHUNK};
use crate::scenario::{Engine, Run};

/// A job for `levers` on `engine`. The worker has the embedded baseline: a custom engine's
/// population and single-number figures go along (the worker applies only what differs).
pub fn scenario_job(engine: &Engine, levers: &Levers, settings: McSettings, run_id: u64) -> McJob {
    // What the analyst gave (the worker rebuilds the same engine from it, and holds exactly
    // these fixed in its draws, as the CLI does with the same options).
    let given = engine.given();
    let population = given.population.then(|| {
        let p = engine.baseline().population();
        (p.sex(FEMALE).to_vec(), p.sex(MALE).to_vec())
    });
    let figures = given
        .stocks
        .iter()
        .fold(BaselineEdits::default(), |edits, &stock| {
            edits.with(stock, Some(engine.baseline().stock(stock)))
        });
    McJob {
        run_id,
        levers: LeverId::ALL.iter().map(|&id| levers.get(id)).collect(),
        seed: settings.seed,
        spread: settings.spread,
        draws: settings.draws,
        chunk: CHUNK,
        population,
        figures,
        actuals: engine.actual_entries(),
    }
}

/// The job for the workbench's current scenario and settings.
pub fn job_for(state: &Workbench) -> McJob {
    scenario_job(
        &state.engine,
        &state.levers,
        state.mc.settings,
        state.mc.run_id,
    )
}

/// The 80 % (p10–p90) and 95 % (p2.5–p97.5) bands of `series` for the projected years of
/// `run`, from the summary's `bands[series][year]` (percentiles 2.5, 10, 50, 90, 97.5).
pub fn bands(summary: Option<&McSummary>, run: &Run, series: Series) -> Vec<Band> {
    let (Some(summary), Some(base)) = (summary, run.projection.years.first()) else {
        return Vec::new();
    };
    let Some(rows) = Series::ALL
        .iter()
        .position(|s| *s == series)
        .and_then(|i| summary.bands.get(i))
    else {
        return Vec::new();
    };
    if summary.draws == 0 || rows.is_empty() {
        return Vec::new();
    }
    let year = |t: usize| base.year.saturating_add(1 + t as i32);
    let level = |level: u8, lo: usize, hi: usize| Band {
        level,
        points: rows
            .iter()
            .enumerate()
            .map(|(t, p)| (year(t), p[lo], p[hi]))
            .collect(),
    };
    vec![level(80, 1, 3), level(95, 0, 4)]
}

/// The spread's label in a select: "1（文档所述）" / "1 (as documented)".
pub fn spread_label(spread: f64, lang: Lang) -> String {
    let base = format!("{spread}");
    if spread == 1.0 {
        format!("{base}{}", i18n::MC_SPREAD_DOCUMENTED.get(lang))
    } else if spread == 0.0 {
        format!("{base}{}", i18n::MC_SPREAD_NONE.get(lang))
    } else {
        base
    }
}

/// What the probabilities rest on, for slides and the handout: "达成概率：蒙特卡罗模拟，抽样 2000
/// 次，随机种子 20250509，不确定性幅度 1（文档所述）。" With these settings and the link's
/// scenario, anyone gets the same probabilities (and the CLI's `mc` gives them too).
pub fn mc_basis(settings: McSettings, lang: Lang) -> String {
    let draws = draws_text(settings.draws, lang);
    let spread = spread_label(settings.spread, lang);
    let seed = settings.seed;
    match lang {
        Lang::Zh => format!(
            "达成概率：蒙特卡罗模拟，抽样 {draws} 次，随机种子 {seed}，不确定性幅度 {spread}。"
        ),
        Lang::En => format!(
            "Probabilities: Monte Carlo simulation, {draws} draws, random seed {seed}, uncertainty spread {spread}."
        ),
    }
}

/// A count of draws: "1250" in Chinese, "1,250" in English.
pub fn draws_text(n: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => n.to_string(),
        Lang::En => format::exact(n as f64, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::mc_messages::McSummary;

    #[test]
    fn the_basis_names_the_draws_seed_and_spread_in_either_language() {
        let settings = McSettings {
            draws: 10_000,
            spread: 1.0,
            seed: 7,
        };
        assert_eq!(
            mc_basis(settings, Lang::Zh),
            "达成概率：蒙特卡罗模拟，抽样 10000 次，随机种子 7，不确定性幅度 1（文档所述）。"
        );
        assert!(mc_basis(settings, Lang::En).contains("10,000 draws, random seed 7"));
    }

    #[test]
    fn bands_are_the_summarys_percentiles_for_the_projected_years() {
        let w = Workbench::as_of(2026);
        let years = w.run.projection.years.len() - 1;
        let row = |i: usize| [i as f64, 10.0 + i as f64, 20.0, 30.0, 40.0 + i as f64];
        let summary = McSummary {
            draws: 100,
            bands: Series::ALL
                .iter()
                .map(|_| (0..years).map(row).collect())
                .collect(),
            probability: vec![],
            target_bands: vec![],
        };
        let bands = bands(Some(&summary), &w.run, Series::ALL[0]);
        let base = w.run.projection.years[0].year;
        assert_eq!(bands.len(), 2);
        assert_eq!((bands[0].level, bands[1].level), (80, 95));
        assert_eq!(bands[0].points[0], (base + 1, 10.0, 30.0));
        assert_eq!(bands[1].points[1], (base + 2, 1.0, 41.0));
        assert!(super::bands(None, &w.run, Series::ALL[0]).is_empty());
    }

    #[test]
    fn the_job_carries_every_lever_and_the_settings() {
        let w = Workbench::as_of(2026);
        let job = job_for(&w);
        assert_eq!(job.levers.len(), LeverId::ALL.len());
        assert_eq!(
            (job.seed, job.draws),
            (w.mc.settings.seed, w.mc.settings.draws)
        );
        assert_eq!(job.run_id, w.mc.run_id);
        assert!(
            job.population.is_none(),
            "the official population is the worker's own"
        );
    }
}
