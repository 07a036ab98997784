//! Reported figures (实际完成): the projection re-bases on them, conserves people, sums them into
//! cumulative targets, conditions the Monte Carlo on them, and reports progress against
//! schedule; figures equal to the model's own leave every later number as it was.

use super::util::cli;
use licheng_sim::model::actuals::{Actuals, Reported};
use licheng_sim::model::levers::Levers;
use licheng_sim::model::montecarlo::Settings;
use licheng_sim::model::projection::YearResult;
use licheng_sim::model::targets::{Metric, ProgressStatus};
use licheng_sim::scenario::actuals::ActualEntry;
use licheng_sim::scenario::Engine;

fn entry(key: &str, year: i32, value: f64) -> ActualEntry {
    ActualEntry {
        key: key.to_string(),
        year,
        value,
    }
}

/// Every field of a year, for comparing two projections field by field.
fn fields(y: &YearResult) -> Vec<f64> {
    let text = format!("{y:?}");
    text.split([',', '{', '}'])
        .filter_map(|part| part.split(':').nth(1))
        .filter_map(|v| v.trim().parse::<f64>().ok())
        .collect()
}

#[test]
fn figures_equal_to_the_models_own_leave_every_later_number_unchanged() {
    let engine = Engine::licheng();
    let levers = Levers::default();
    let plain = engine.run(&levers).unwrap();
    let mut actuals = Actuals::new();
    for y in &plain.projection.years[1..3] {
        // The population to whole persons, as a bureau reports it.
        actuals
            .set(Reported::Population, y.year, y.population.round())
            .unwrap();
        for (t, def) in engine.targets().iter().zip(&engine.plan().targets) {
            let what = Reported::Metric(t.metric());
            let (first, last) = t.years();
            if what.range().is_none() || y.year < first || y.year > last {
                continue;
            }
            let value = t.metric().yearly(y);
            let whole = what.range().unwrap().2;
            // A count's pace that is not whole (1.25 projects a year) has no reportable twin.
            if t.metric().is_count() && value.fract() != 0.0 {
                continue;
            }
            actuals
                .set(what, y.year, if whole { value.round() } else { value })
                .unwrap_or_else(|e| panic!("{}: {e:?}", def.id));
        }
    }
    let rebased = engine.with_actuals(actuals).unwrap().run(&levers).unwrap();
    for (a, b) in plain.projection.years[3..]
        .iter()
        .zip(&rebased.projection.years[3..])
    {
        for (x, y) in fields(a).iter().zip(fields(b)) {
            assert!((x - y).abs() <= 1.0, "{}: {x} against {y}", a.year);
        }
    }
    for (k, (a, b)) in plain.outcomes.iter().zip(&rebased.outcomes).enumerate() {
        let id = &engine.plan().targets[k].id;
        assert_eq!(a.met, b.met, "{id}");
        assert!(
            (a.value - b.value).abs() <= 1.0,
            "{id}: {} against {}",
            a.value,
            b.value
        );
    }
}

#[test]
fn a_reported_population_is_met_exactly_and_people_are_conserved() {
    let engine = Engine::licheng()
        .with_entries(
            &[
                entry("population", 2025, 404_000.0),
                entry("population", 2026, 391_500.0),
            ],
            2026,
        )
        .unwrap();
    let run = engine.run(&Levers::default()).unwrap();
    let years = &run.projection.years;
    assert!((years[1].population - 404_000.0).abs() < 1e-6);
    assert!((years[2].population - 391_500.0).abs() < 1e-6);
    for w in years.windows(2) {
        let (before, after) = (w[0], w[1]);
        let accounted = before.population + after.births - after.deaths + after.net_migrants;
        assert!(
            (after.population - accounted).abs() < 1e-6,
            "{}",
            after.year
        );
    }
    // The difference is migration: 2026 lost people, so its net migration is negative.
    assert!(years[2].net_migrants < 0.0);
    // Every table stays non-negative.
    for table in &run.projection.populations {
        assert!(table.sex(0).iter().chain(table.sex(1)).all(|&p| p >= 0.0));
    }
}

#[test]
fn a_cumulative_target_adds_the_remaining_years_to_the_reported_ones() {
    let engine = Engine::licheng();
    let levers = Levers::default();
    let plain = engine.run(&levers).unwrap();
    let k = engine.target_index("jobs_new_urban").unwrap();
    let reported = engine
        .with_entries(
            &[
                entry("jobs_new_urban", 2025, 5300.0),
                entry("jobs_new_urban", 2026, 5100.0),
            ],
            2026,
        )
        .unwrap()
        .run(&levers)
        .unwrap();
    let later: f64 = plain.projection.years[3..]
        .iter()
        .map(|y| y.new_urban_jobs)
        .sum();
    assert!((reported.outcomes[k].value - (10_400.0 + later)).abs() < 1e-6);
    let p = reported.progress[k].unwrap();
    assert_eq!(
        (p.through, p.to_date, p.schedule),
        (2026, 10_400.0, 10_000.0)
    );
    assert_eq!(p.still_needed_per_year, Some(4_800.0));
    assert_eq!(p.status, ProgressStatus::OnTrack);
    // Without figures there is no progress to show.
    assert!(plain.progress.iter().all(Option::is_none));
}

#[test]
fn progress_levels_follow_the_stated_thresholds() {
    let engine = Engine::licheng();
    let levers = Levers::default();
    let status = |entries: &[ActualEntry], id: &str| {
        let run = engine
            .with_entries(entries, 2026)
            .unwrap()
            .run(&levers)
            .unwrap();
        run.progress[engine.target_index(id).unwrap()].unwrap()
    };
    // 2万 × 2/4 = 10,000 by end-2026: 9,000 is 90 % (lagging), 8,999 behind.
    let jobs = |a: f64| {
        status(
            &[
                entry("jobs_new_urban", 2025, a),
                entry("jobs_new_urban", 2026, 4500.0),
            ],
            "jobs_new_urban",
        )
    };
    assert_eq!(jobs(4500.0).status, ProgressStatus::Lagging);
    assert_eq!(jobs(4499.0).status, ProgressStatus::Behind);
    assert_eq!(jobs(5500.0).status, ProgressStatus::OnTrack);
    // Insurance, a level: from 95 % (2024) to 96 % by 2028, 95.5 % is the schedule at 2026.
    let ins = status(
        &[
            entry("medical_insurance_rate", 2025, 95.2),
            entry("medical_insurance_rate", 2026, 95.45),
        ],
        "medical_insurance_rate",
    );
    assert!((ins.schedule - 95.5).abs() < 1e-9);
    assert_eq!(ins.status, ProgressStatus::Lagging);
    assert!((ins.still_needed_per_year.unwrap() - 0.275).abs() < 1e-9);
    // A yearly target with one year short is behind for good.
    let pipes = status(
        &[
            entry("rain_pipe_per_year", 2025, 3.5),
            entry("rain_pipe_per_year", 2026, 2.99),
        ],
        "rain_pipe_per_year",
    );
    assert_eq!(pipes.status, ProgressStatus::Behind);
    // A target whose only year is reported is decided: its status is the verdict.
    let sishang = |n: f64| status(&[entry("new_sishang_2025", 2025, n)], "new_sishang_2025");
    assert_eq!(sishang(15.0).status, ProgressStatus::OnTrack);
    assert_eq!(sishang(14.0).status, ProgressStatus::Behind);
    assert_eq!(sishang(14.0).still_needed_per_year, None);
    // Growth: the average of the reported years against Quanzhou's 0.16 %.
    let base = Engine::licheng().baseline().population().total();
    let growth = status(
        &[entry("population", 2025, (base * 1.002).round())],
        "resident_growth_above_city",
    );
    assert_eq!(growth.status, ProgressStatus::OnTrack);
    assert_eq!(growth.through, 2025);
}

#[test]
fn a_level_reported_is_kept_in_later_years() {
    let engine = Engine::licheng();
    let mut levers = Levers::default();
    levers
        .set(licheng_sim::model::levers::LeverId::IndustrialChains, 0.0)
        .unwrap();
    let k = engine.target_index("key_industrial_chains").unwrap();
    assert!(!engine.run(&levers).unwrap().outcomes[k].met);
    let run = engine
        .with_entries(&[entry("key_industrial_chains", 2025, 1.0)], 2026)
        .unwrap()
        .run(&levers)
        .unwrap();
    assert!(run.outcomes[k].met);
    assert!(run.projection.years[1..]
        .iter()
        .all(|y| Metric::KeyIndustrialChains.yearly(y) == 1.0));
}

#[test]
fn the_monte_carlo_draws_only_what_is_still_unknown() {
    let engine = Engine::licheng()
        .with_entries(
            &[
                entry("new_sishang_2025", 2025, 14.0),
                entry("new_enterprises_in_production_2025", 2025, 20.0),
                entry("jobs_new_urban", 2025, 15_000.0),
                entry("jobs_new_urban", 2026, 10_000.0),
            ],
            2026,
        )
        .unwrap();
    let result = engine
        .run_monte_carlo(&Levers::default(), Settings::new(7, 1.0).unwrap(), 500)
        .unwrap();
    let p = |id: &str| result.probability[engine.target_index(id).unwrap()];
    assert_eq!(p("new_sishang_2025"), 0.0);
    assert_eq!(p("new_enterprises_in_production_2025"), 1.0);
    assert_eq!(p("jobs_new_urban"), 1.0);
    // Without the figures these are uncertain.
    let plain = Engine::licheng()
        .run_monte_carlo(&Levers::default(), Settings::new(7, 1.0).unwrap(), 500)
        .unwrap();
    let k = engine.target_index("new_sishang_2025").unwrap();
    assert!(plain.probability[k] > 0.0 && plain.probability[k] < 1.0);
}

#[test]
fn the_cli_reports_progress_in_json_and_csv() {
    let args = [
        "project",
        "--as-of",
        "2026",
        "--actual",
        "jobs_new_urban:2025=5300",
        "--actual",
        "jobs_new_urban:2026=5100",
        "--format",
        "json",
    ];
    let (code, out, err) = cli(&args);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let jobs = json["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "jobs_new_urban")
        .unwrap();
    assert_eq!(jobs["actual_to_date"], 10_400.0);
    assert_eq!(jobs["schedule_to_date"], 10_000.0);
    assert_eq!(jobs["still_needed_per_year"], 4_800.0);
    assert_eq!(jobs["progress_status"], "on_track");
    assert_eq!(json["actuals"].as_array().unwrap().len(), 2);
    let mut csv_args = args.to_vec();
    *csv_args.last_mut().unwrap() = "csv";
    let (code, out, _) = cli(&csv_args);
    assert_eq!(code, 0);
    assert!(out.contains(",progress_status\n"));
    assert!(out.contains(",10400,10000,4800,on_track\n"), "{out}");
}
