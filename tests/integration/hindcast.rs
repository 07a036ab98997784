//! The hindcast: the engine from the 2020 census against what was published, within the
//! tolerances we hold (totals ±0.25万, rates ±0.7‰, new urban jobs ±500), and the CLI's JSON of it.

use super::util::cli;
use licheng_sim::scenario::hindcast::{self, history_seed, CENSUS_CSV};
use licheng_sim::scenario::population_csv;

#[test]
fn every_hindcast_row_is_within_its_tolerance() {
    let result = hindcast::hindcast().unwrap();
    assert_eq!(result.rows.len(), history_seed().checks.len());
    for row in result.rows.iter() {
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
        .map(|r| r.id.as_ref())
        .collect();
    assert_eq!(informative, ["population_2021"]);
}

#[test]
fn tolerances_are_the_ones_we_hold() {
    for check in history_seed().checks {
        let expected = match check.measure.as_str() {
            "population_end" | "intercensal_growth" => 2500.0,
            "birth_rate" | "death_rate" => 0.7,
            // A yearly flow: about twice what one step of the rate calibrated to it moves.
            "new_urban_jobs" => 500.0,
            other => panic!("unknown measure {other}"),
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
    for y in result.years.iter() {
        let accounted = start + y.births - y.deaths + y.net_migrants;
        assert!((y.population - accounted).abs() < 1e-6, "{}", y.year);
        start = y.population;
    }
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

#[test]
fn the_committed_hindcast_is_the_models() {
    let (code, out, _) = cli(&["hindcast", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        hindcast::HINDCAST_JSON,
        "rerun `licheng hindcast --format json > seeds/hindcast.json`"
    );
    // And the page's copy of it (compiled in by build.rs) is the model's, exactly.
    assert_eq!(hindcast::COMMITTED, hindcast::hindcast().unwrap());
}

/// Every lever default that comes from a calibration or an estimate in the seeds is what that
/// calibration gives, to the lever's step: net migration (the census residual), the TFR (the
/// base year's), job replacement (the 2022 record), take-up (the 2022 housing record), Quanzhou's
/// growth (its own rates).
#[test]
fn every_calibrated_default_is_what_its_calibration_gives() {
    use licheng_sim::model::levers::LeverId;
    let seed = history_seed();
    for (lever, value) in [
        (LeverId::NetMigration, seed.migration.per_year),
        (LeverId::Tfr, hindcast::base_year_tfr().unwrap()),
        (
            LeverId::Turnover,
            hindcast::calibrated_turnover_pct().unwrap(),
        ),
        (LeverId::TakeUp, hindcast::calibrated_take_up_pct().unwrap()),
        (
            LeverId::QuanzhouGrowth,
            seed.quanzhou.growth_2025_2028_pct(),
        ),
    ] {
        let spec = lever.spec();
        assert!(
            (spec.default - value).abs() <= spec.step / 2.0 + 1e-12,
            "the {} lever's default {} against the calibrated {value}",
            spec.key,
            spec.default
        );
    }
}
