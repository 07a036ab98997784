//! Guards the edited baseline figures (`scenario::baseline_edits`): the CLI's `--baseline
//! NAME=VALUE` gives exactly the engine's numbers on that baseline (alone and with an imported
//! population), a figure equal to the embedded one is no custom baseline, every valid figure
//! keeps the outputs finite and non-negative, and an edit moves what depends on it.

use crate::projection_properties::{any_levers, check_year};
use crate::util::cli;
use licheng_sim::model::baseline::Stock;
use licheng_sim::model::levers::Levers;
use licheng_sim::scenario::baseline_edits::{BaselineEdits, STOCKS};
use licheng_sim::scenario::{population_csv, seeds, Engine};
use proptest::prelude::*;
use serde_json::Value;

/// The CLI's `project --format json` with these extra arguments.
fn cli_json(args: &[&str]) -> Value {
    let mut all = vec!["project", "--format", "json"];
    all.extend_from_slice(args);
    let (code, out, err) = cli(&all);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// Every target value of the CLI's JSON equals the engine's run (to the last bit or two:
/// serde_json's default float parser may be one unit in the last place off).
fn assert_same_targets(json: &Value, engine: &Engine) {
    let run = engine.run(&Levers::default()).unwrap();
    let targets = json["targets"].as_array().unwrap();
    assert_eq!(targets.len(), run.outcomes.len());
    for (t, o) in targets.iter().zip(&run.outcomes) {
        let shown = t["value"].as_f64().unwrap();
        assert!(
            (shown - o.value).abs() <= 1e-13 * o.value.abs().max(1.0),
            "{}: CLI {shown} vs engine {}",
            t["id"],
            o.value
        );
    }
}

#[test]
fn cli_baseline_figures_give_the_engines_numbers() {
    let embedded = Engine::licheng();
    // Fewer junior places than the built-in estimate, so that fewer migrant children find one.
    let junior = embedded.baseline().junior_capacity() - 3000.0;
    let junior_arg = format!("junior_capacity={junior}");
    let edits = BaselineEdits::default()
        .with(Stock::JuniorCapacity, Some(junior))
        .with(Stock::PlacesFirstYear, Some(0.0))
        .with(Stock::InsurancePct, Some(93.25));
    let engine = embedded.customised(None, &edits).unwrap();
    let json = cli_json(&[
        "--baseline",
        "junior_capacity=5",
        "--baseline",
        "places_first_year=0",
        "--baseline",
        "insurance_pct=93.25",
        // A later setting of the same figure wins.
        "--baseline",
        &junior_arg,
    ]);
    assert_eq!(json["baseline"], "custom");
    assert_eq!(json["baseline_figures"]["junior_capacity"], junior);
    assert_eq!(
        json["baseline_figures"]["primary_capacity"],
        Engine::licheng().baseline().primary_capacity()
    );
    assert_same_targets(&json, &engine);
    // The edits move what depends on them.
    let official = embedded.run(&Levers::default()).unwrap();
    let edited = engine.run(&Levers::default()).unwrap();
    let share = embedded.target_index("migrant_children_public").unwrap();
    assert!(edited.outcomes[share].value < official.outcomes[share].value);
    assert_eq!(edited.projection.years[0].insurance_pct, 93.25);
    assert_eq!(edited.projection.years[0].junior_capacity, junior);
}

#[test]
fn cli_baseline_figures_combine_with_an_imported_population() {
    let dir = std::env::temp_dir().join(format!("licheng-figures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("population.csv");
    // The embedded table with every count 3 % higher.
    let text: String = seeds::POPULATION_CSV
        .lines()
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            match cells.as_slice() {
                [age, m, f] if age.trim().parse::<u32>().is_ok() => format!(
                    "{age},{},{}\n",
                    m.trim().parse::<f64>().unwrap() * 1.03,
                    f.trim().parse::<f64>().unwrap() * 1.03
                ),
                _ => format!("{line}\n"),
            }
        })
        .collect();
    std::fs::write(&csv, &text).unwrap();
    let edits = BaselineEdits::default().with(Stock::PrimaryCapacity, Some(31000.0));
    let engine = Engine::licheng()
        .customised(Some(population_csv::parse(&text).unwrap()), &edits)
        .unwrap();
    let json = cli_json(&[
        "--population",
        csv.to_str().unwrap(),
        "--baseline",
        "primary_capacity=31000",
    ]);
    assert_same_targets(&json, &engine);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_figure_equal_to_the_official_one_is_no_custom_baseline() {
    let official = format!(
        "primary_capacity={}",
        Engine::licheng().baseline().primary_capacity()
    );
    let json = cli_json(&["--baseline", &official]);
    assert_eq!(json["baseline"], "licheng-2024");
    let embedded = Engine::licheng();
    for spec in &STOCKS {
        let same =
            BaselineEdits::default().with(spec.stock, Some(embedded.baseline().stock(spec.stock)));
        assert!(!embedded
            .customised(None, &same)
            .unwrap()
            .is_custom_baseline());
    }
}

/// Any valid edits: each figure left alone or at a bound or anywhere in its range.
pub(crate) fn any_figures() -> impl Strategy<Value = BaselineEdits> {
    let per_stock: Vec<_> = Stock::ALL
        .iter()
        .map(|s| {
            let (min, max) = s.range();
            proptest::option::weighted(
                0.7,
                prop_oneof![Just(min), Just(max), min..=max, 0.0..=(max.min(1e5))],
            )
        })
        .collect();
    per_stock.prop_map(|values| {
        let mut edits = BaselineEdits::default();
        for (stock, v) in Stock::ALL.into_iter().zip(values) {
            edits.set(stock, v);
        }
        edits
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn outputs_are_finite_and_non_negative_for_any_valid_figures(
        figures in any_figures(),
        levers in any_levers(),
    ) {
        let engine = Engine::licheng().customised(None, &figures).unwrap();
        let run = engine.run(&levers).unwrap();
        for y in &run.projection.years {
            prop_assert!(check_year(y).is_ok(), "{:?}", check_year(y));
        }
        for o in &run.outcomes {
            prop_assert!(o.value.is_finite() && o.gap.is_finite());
        }
    }
}
