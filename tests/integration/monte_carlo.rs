//! Guards the Monte Carlo, tornado and goal-seek: reproducible for a seed, independent of how
//! the draws are split, ordered percentiles, and exact agreement with the deterministic run when
//! there is no uncertainty.

use crate::util::{check_snapshot, cli};
use licheng_sim::model::decision::Seek;
use licheng_sim::model::levers::{LeverId, Levers};
use licheng_sim::model::montecarlo::{summarize, Settings};
use licheng_sim::scenario::Engine;

#[test]
fn same_seed_gives_byte_identical_cli_output() {
    let args = [
        "mc", "--draws", "500", "--seed", "7", "--format", "json", "--set", "mig=2000",
    ];
    let (c1, a, e1) = cli(&args);
    let (c2, b, _) = cli(&args);
    assert_eq!((c1, c2), (0, 0), "{e1}");
    assert_eq!(a, b);
    let (_, other, _) = cli(&[
        "mc", "--draws", "500", "--seed", "8", "--format", "json", "--set", "mig=2000",
    ]);
    assert_ne!(a, other, "a different seed must give different draws");
}

#[test]
fn results_do_not_depend_on_how_draws_are_split() {
    let engine = Engine::licheng();
    let mc = engine
        .monte_carlo(&Levers::default(), Settings::new(11, 1.0).unwrap())
        .unwrap();
    let whole = summarize(&mut mc.draws(0..600));
    let mut chunks = mc.draws(400..600);
    chunks.append(&mc.draws(0..137));
    // A summary part-way (as the worker makes at its milestones) reorders the columns in
    // place; later draws and the final summary are unaffected.
    let part = summarize(&mut chunks);
    assert_eq!(part.draws, 337);
    mc.draws_into(137..400, &mut chunks);
    assert_eq!(whole, summarize(&mut chunks));
}

#[test]
fn a_run_reusing_the_previous_one_draws_exactly_as_a_fresh_run() {
    use licheng_sim::model::baseline::Stock;
    use licheng_sim::scenario::baseline_edits::BaselineEdits;
    let engine = Engine::licheng();
    let first_levers = Levers::default();
    let first = engine
        .monte_carlo(&first_levers, Settings::new(3, 1.0).unwrap())
        .unwrap();
    let with = |changes: &[(LeverId, f64)]| Levers::with_overrides(changes).unwrap();
    let mut edits = BaselineEdits::default();
    edits.set(
        Stock::JuniorCapacity,
        Some(engine.baseline().junior_capacity() - 3000.0),
    );
    let edited = engine.customised(None, &edits).unwrap();
    // What changed since `first`: the seed only; a lever of the projection; each life
    // expectancy; the mean age at childbearing; a beta-distributed lever; the spread; the
    // baseline.
    let cases: Vec<(&str, &Engine, Levers, Settings)> = vec![
        (
            "seed",
            &engine,
            first_levers.clone(),
            Settings::new(4, 1.0).unwrap(),
        ),
        (
            "mig",
            &engine,
            with(&[(LeverId::NetMigration, 2500.0)]),
            Settings::new(3, 1.0).unwrap(),
        ),
        (
            "e0f",
            &engine,
            with(&[(LeverId::E0Female, 83.4)]),
            Settings::new(3, 1.0).unwrap(),
        ),
        (
            "e0m",
            &engine,
            with(&[(LeverId::E0Male, 75.0)]),
            Settings::new(3, 1.0).unwrap(),
        ),
        (
            "mab",
            &engine,
            with(&[(LeverId::MeanAgeBirth, 31.0)]),
            Settings::new(3, 1.0).unwrap(),
        ),
        (
            "elig",
            &engine,
            with(&[(LeverId::Eligible, 50.0)]),
            Settings::new(3, 1.0).unwrap(),
        ),
        (
            "spread",
            &engine,
            first_levers.clone(),
            Settings::new(3, 1.5).unwrap(),
        ),
        (
            "baseline",
            &edited,
            first_levers.clone(),
            Settings::new(3, 1.0).unwrap(),
        ),
    ];
    for (what, engine, levers, settings) in cases {
        let reused = engine
            .monte_carlo_reusing(Some(&first), &levers, settings)
            .unwrap();
        let fresh = engine.monte_carlo(&levers, settings).unwrap();
        assert_eq!(reused.draws(0..300), fresh.draws(0..300), "{what}");
        // And the draws differ from the first run's, so the comparison can fail.
        assert_ne!(reused.draws(0..300), first.draws(0..300), "{what}");
    }
}

#[test]
fn percentiles_are_ordered_and_probabilities_are_shares() {
    let engine = Engine::licheng();
    let r = engine
        .run_monte_carlo(&Levers::default(), Settings::new(3, 1.5).unwrap(), 800)
        .unwrap();
    for series in &r.bands {
        for band in series {
            assert!(band.p.windows(2).all(|w| w[0] <= w[1]), "{:?}", band.p);
        }
    }
    for b in &r.target_bands {
        assert!(b.p.windows(2).all(|w| w[0] <= w[1]));
    }
    assert!(r.probability.iter().all(|p| (0.0..=1.0).contains(p)));
}

#[test]
fn zero_spread_reproduces_the_deterministic_run() {
    let engine = Engine::licheng();
    for levers in [
        Levers::default(),
        Levers::with_overrides(&[(LeverId::NetMigration, 3000.0)]).unwrap(),
    ] {
        let det = engine.run(&levers).unwrap();
        let r = engine
            .run_monte_carlo(&levers, Settings::new(5, 0.0).unwrap(), 50)
            .unwrap();
        for (k, o) in det.outcomes.iter().enumerate() {
            assert_eq!(
                r.probability[k],
                if o.met { 1.0 } else { 0.0 },
                "target {k}"
            );
            assert!(
                r.target_bands[k].p.iter().all(|&v| v == o.value),
                "target {k}: {:?} vs {}",
                r.target_bands[k].p,
                o.value
            );
        }
        let pop2028 = det.projection.years[4].population;
        assert!(r.bands[0][3].p.iter().all(|&v| v == pop2028));
    }
}

#[test]
fn tornado_bars_are_ranked_by_swing() {
    let engine = Engine::licheng();
    let idx = engine.target_index("jobs_new_urban").unwrap();
    let t = engine.tornado(idx, &Levers::default(), 1.0).unwrap();
    assert!(!t.bars.is_empty());
    assert!(t.bars.windows(2).all(|w| w[0].swing >= w[1].swing));
    assert!(t
        .bars
        .iter()
        .all(|b| b.swing > 0.0 && b.lever_low <= b.lever_high));
}

#[test]
fn goal_seek_finds_a_value_that_reaches_the_probability() {
    let engine = Engine::licheng();
    let idx = engine.target_index("medical_insurance_rate").unwrap();
    let settings = Settings::new(1, 1.0).unwrap();
    let levers = Levers::default();
    let seeks = engine
        .goal_seek(
            idx,
            LeverId::InsuranceEffort,
            &levers,
            &[0.5, 0.8],
            settings,
            300,
        )
        .unwrap();
    let mut found = Vec::new();
    for s in &seeks {
        match s {
            Seek::Reached {
                value, probability, ..
            } => found.push((*value, *probability)),
            Seek::NotReachable { .. } => panic!("the enrolment drive can reach 96 %: {s:?}"),
        }
    }
    assert!(found[0].1 >= 0.5 && found[1].1 >= 0.8, "{found:?}");
    assert!(
        found[0].0 <= found[1].0,
        "a higher probability needs at least as much effort: {found:?}"
    );
    // Answers a person would type: on the lever's step grid, inside its range.
    let spec = LeverId::InsuranceEffort.spec();
    for (value, _) in &found {
        let steps = (value - spec.min) / spec.step;
        assert!(
            (steps - steps.round()).abs() < 1e-9,
            "{value} is not on the step grid"
        );
        assert!((spec.min..=spec.max).contains(value), "{value}");
        assert!(format!("{value}").len() <= 6, "{value} reads as typed");
    }
    // One step below the 80 % answer the probability is lower than 80 %.
    let mut below = levers.clone();
    below
        .set(LeverId::InsuranceEffort, found[1].0 - spec.step)
        .unwrap();
    let r = engine.run_monte_carlo(&below, settings, 300).unwrap();
    assert!(r.probability[idx] < 0.8, "{}", r.probability[idx]);
}

#[test]
fn goal_seek_reports_unreachable_targets() {
    let engine = Engine::licheng();
    let idx = engine.target_index("affordable_units").unwrap();
    // Fertility cannot deliver affordable housing.
    let seeks = engine
        .goal_seek(
            idx,
            LeverId::Tfr,
            &Levers::default(),
            &[0.99],
            Settings::new(1, 1.0).unwrap(),
            200,
        )
        .unwrap();
    assert!(matches!(seeks[0], Seek::NotReachable { .. }), "{seeks:?}");
}

#[test]
fn monte_carlo_output_matches_snapshot_shared_with_the_wasm_test() {
    // tests/wasm_identity.rs compares the browser's output with the same file, so native and
    // WebAssembly must agree byte for byte.
    let (code, out, err) = cli(&[
        "mc", "--draws", "300", "--seed", "7", "--set", "mig=2000", "--format", "json",
    ]);
    assert_eq!(code, 0, "{err}");
    check_snapshot("mc-seed7-300.json", &out);
}

#[test]
fn every_target_gets_the_status_of_its_probability_in_the_clis_json_and_csv() {
    use licheng_sim::scenario::status::{LIKELY_FROM, UNLIKELY_BELOW};
    let (code, out, _) =
        super::util::cli(&["mc", "--draws", "400", "--seed", "3", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut levels = std::collections::BTreeSet::new();
    for t in json["targets"].as_array().unwrap() {
        if t["delivery_record"] == false {
            // No record found and none reported: no probability, and the status says so.
            assert!(t["probability"].is_null(), "{}", t["id"]);
            assert!(t["probability_at_assumed_pace"].is_f64(), "{}", t["id"]);
            assert_eq!(t["status"], "no_record", "{}", t["id"]);
            continue;
        }
        let p = t["probability"].as_f64().unwrap();
        let expected = if p >= LIKELY_FROM {
            "likely"
        } else if p >= UNLIKELY_BELOW {
            "at_risk"
        } else {
            "unlikely"
        };
        assert_eq!(t["status"], expected, "{}", t["id"]);
        levels.insert(expected);
    }
    assert!(
        levels.len() >= 2,
        "the defaults give one level only: {levels:?}"
    );
    let (_, csv, _) = super::util::cli(&["mc", "--draws", "400", "--seed", "3", "--format", "csv"]);
    assert!(csv.contains("\ntarget,probability,status,"), "{csv}");
    assert!(csv.contains("\ng5_stations,,no_record,"), "{csv}");
    let (_, table, _) = super::util::cli(&["mc", "--draws", "400", "--seed", "3", "--lang", "zh"]);
    assert!(table.contains("≥80%"), "the table states the thresholds");
}

#[test]
fn the_built_in_base_year_estimates_are_drawn_and_a_custom_baselines_figures_are_held() {
    use licheng_sim::model::baseline::Stock;
    use licheng_sim::model::montecarlo::{self, BaseUncertainty, MonteCarlo};
    use licheng_sim::scenario::baseline_edits::BaselineEdits;
    let engine = Engine::licheng();
    assert_eq!(engine.base_uncertainty(), BaseUncertainty::ESTIMATES);
    let levers = Levers::default();
    let settings = Settings::new(5, 1.0).unwrap();
    let insurance = engine.target_index("medical_insurance_rate").unwrap();
    let drawn =
        montecarlo::summarize(&mut engine.monte_carlo(&levers, settings).unwrap().draws(0..400));
    let held = montecarlo::summarize(
        &mut MonteCarlo::new(
            engine.baseline(),
            engine.targets(),
            &levers,
            engine.life_table(),
            settings,
        )
        .unwrap()
        .draws(0..400),
    );
    assert_ne!(
        drawn.probability[insurance], held.probability[insurance],
        "drawing the 2024 insurance estimate changes nothing"
    );
    // With no spread nothing is drawn, the base-year figures included.
    let none = Settings::new(5, 0.0).unwrap();
    let flat = montecarlo::summarize(&mut engine.monte_carlo(&levers, none).unwrap().draws(0..20));
    let run = engine.run(&levers).unwrap();
    for (k, o) in run.outcomes.iter().enumerate() {
        assert_eq!(
            flat.probability[k],
            if o.met { 1.0 } else { 0.0 },
            "target {k}"
        );
    }
    // What the analyst gives is held fixed; the rest of the built-in estimates are still drawn.
    let mut edits = BaselineEdits::default();
    edits.set(Stock::InsurancePct, Some(96.5));
    let custom = engine.customised(None, &edits).unwrap();
    let e = BaseUncertainty::ESTIMATES;
    assert_eq!(
        custom.base_uncertainty(),
        BaseUncertainty {
            insurance_pp: 0.0,
            ..e
        }
    );
    let imported = engine
        .customised(
            Some(engine.baseline().population().clone()),
            &BaselineEdits::default(),
        )
        .unwrap();
    let mut places = BaselineEdits::default();
    places.set(Stock::JuniorCapacity, Some(5000.0));
    let both = imported.customised(None, &places).unwrap();
    assert_eq!(
        both.base_uncertainty(),
        BaseUncertainty {
            population_rel: 0.0,
            capacity_rel: 0.0,
            ..e
        }
    );
}

#[test]
fn no_target_shows_a_probability_that_rests_only_on_a_prior_centred_on_the_plan() {
    // At the defaults every probability given is off one half, or rests on evidence: each
    // delivery target near one half has no record and is given none.
    let (code, out, _) = cli(&[
        "mc", "--draws", "2000", "--seed", "20250509", "--format", "json",
    ]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    for t in json["targets"].as_array().unwrap() {
        let Some(p) = t["probability"].as_f64() else {
            assert_eq!(t["delivery_record"], false, "{}", t["id"]);
            continue;
        };
        if t["delivery_record"].is_boolean() {
            assert_eq!(t["delivery_record"], true, "{}", t["id"]);
        }
        assert!((p - 0.5).abs() > 0.1, "{} shows {p}", t["id"]);
    }
}

#[test]
fn a_delivery_target_without_a_record_gets_a_probability_once_a_year_is_reported() {
    let probability = |extra: &[&str]| {
        let mut args = vec![
            "mc", "--draws", "400", "--seed", "3", "--format", "json", "--as-of", "2026",
        ];
        args.extend_from_slice(extra);
        let (code, out, err) = cli(&args);
        assert_eq!(code, 0, "{err}");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        let t = json["targets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == "g5_stations")
            .unwrap()
            .clone();
        (
            t["probability"].as_f64(),
            t["status"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(probability(&[]), (None, "no_record".to_string()));
    // 10 stations a year in 2025 and 2026 against 100 by 2028: conditional on that record the
    // target is unlikely at the plan's assumed pace for the remaining two years.
    let (p, status) = probability(&[
        "--actual",
        "g5_stations:2025=10",
        "--actual",
        "g5_stations:2026=20",
    ]);
    let p = p.expect("a probability once reported");
    assert!(p < 0.2, "{p}");
    assert_eq!(status, "unlikely");
}
