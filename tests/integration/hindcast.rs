//! The hindcast: the engine from the 2020 census against what was published, within the
//! tolerances we hold (totals ±0.25万, rates ±0.7‰), and the CLI's JSON of it.

use super::util::cli;
use licheng_sim::scenario::hindcast::{self, history_seed, CENSUS_CSV};
use licheng_sim::scenario::population_csv;

#[test]
fn every_hindcast_row_is_within_its_tolerance() {
    let result = hindcast::hindcast().unwrap();
    assert_eq!(result.rows.len(), history_seed().checks.len());
    for row in &result.rows {
        assert!(
            row.within,
            "{}: model {} against observed {} (error {}, tolerance {})",
            row.id, row.model, row.observed, row.error, row.tolerance
        );
        assert_eq!(row.error, row.model - row.observed, "{}", row.id);
    }
    // The informative rows (not fitted to their own observation) are there.
    let informative: Vec<&str> = result
        .rows
        .iter()
        .filter(|r| !r.calibrated_to_this)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(informative, ["population_2021"]);
}

#[test]
fn tolerances_are_the_ones_we_hold() {
    for check in history_seed().checks {
        let expected = if check.unit_en == "persons" {
            2500.0
        } else {
            0.7
        };
        assert_eq!(check.tolerance, expected, "{}", check.id);
    }
}

#[test]
fn the_census_table_sums_to_the_census_and_the_history_starts_there() {
    let census = population_csv::parse(CENSUS_CSV).unwrap();
    assert_eq!(census.total(), history_seed().census.total);
    let result = hindcast::hindcast().unwrap();
    // Each year's accounting: end = start + births − deaths + migrants.
    let mut start = census.total();
    for y in &result.years {
        let accounted = start + y.births - y.deaths + y.net_migrants;
        assert!((y.population - accounted).abs() < 1e-6, "{}", y.year);
        start = y.population;
    }
}

#[test]
fn the_net_migration_default_is_the_seeds_estimate() {
    assert!(hindcast::migration_default_matches_the_estimate());
}

#[test]
fn the_tfr_default_continues_the_base_years() {
    use licheng_sim::model::levers::LeverId;
    let spec = LeverId::Tfr.spec();
    let derived = hindcast::base_year_tfr().unwrap();
    assert!(
        (spec.default - derived).abs() <= spec.step / 2.0 + 1e-12,
        "the tfr lever's default {} against the base year's {derived}",
        spec.default
    );
}

#[test]
fn the_committed_base_table_is_the_models_projection_from_the_census() {
    let committed = include_str!("../../seeds/baseline-population-2024.csv");
    assert_eq!(
        hindcast::base_table_csv().unwrap(),
        committed,
        "rerun `licheng derive-baseline > seeds/baseline-population-2024.csv`, then seeds/derive_baseline.py"
    );
}

#[test]
fn the_cli_prints_the_hindcast_as_json_rows() {
    let (code, out, _) = cli(&["hindcast", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), history_seed().checks.len());
    for row in rows {
        for key in ["id", "observed", "model", "error", "tolerance"] {
            assert!(
                row[key].is_string() || row[key].is_number(),
                "{key} in {row}"
            );
        }
        assert!(row["within"].is_boolean());
        assert!(row["calibrated_to_this"].is_boolean());
    }
    let (_, table, _) = cli(&["hindcast", "--lang", "zh"]);
    assert!(table.contains("2021年末常住人口"), "{table}");
}
