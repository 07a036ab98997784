//! Guards the Licheng projection: exact demographic accounting every year, no negative or NaN
//! output for any valid levers, and monotone response to in-migration (proptest).

use licheng_sim::model::levers::{LeverId, Levers, LEVERS};
use licheng_sim::model::projection::YearResult;
use licheng_sim::scenario::report::COLUMNS;
use licheng_sim::scenario::Engine;
use proptest::prelude::*;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::licheng)
}

/// Columns that are flows or changes and may legitimately be negative.
const SIGNED: &[&str] = &["growth_pct", "net_migrants"];

pub(crate) fn any_levers() -> impl Strategy<Value = Levers> {
    let ranges: Vec<_> = LEVERS.iter().map(|l| l.min..=l.max).collect();
    ranges.prop_map(|values| {
        let mut levers = Levers::default();
        for (spec, v) in LEVERS.iter().zip(values) {
            levers.set(spec.id, v).expect("inside the range");
        }
        levers
    })
}

pub(crate) fn check_year(y: &YearResult) -> Result<(), String> {
    for c in COLUMNS {
        let v = (c.read)(y);
        if !v.is_finite() {
            return Err(format!("{} {} is not finite", y.year, c.key));
        }
        if v < 0.0 && !SIGNED.contains(&c.key) {
            return Err(format!("{} {} = {v} is negative", y.year, c.key));
        }
    }
    Ok(())
}

#[test]
fn accounting_identity_holds_every_year_of_the_baseline() {
    let run = engine().run(&Levers::default()).unwrap();
    for w in run.projection.years.windows(2) {
        let expected = w[0].population + w[1].births - w[1].deaths + w[1].net_migrants;
        assert!(
            (w[1].population - expected).abs() < 1e-6,
            "{}: {} vs {expected}",
            w[1].year,
            w[1].population
        );
    }
}

#[test]
fn accounting_identity_holds_under_heavy_out_migration() {
    let levers = Levers::with_overrides(&[(LeverId::NetMigration, -10_000.0)]).unwrap();
    let run = engine().run(&levers).unwrap();
    for w in run.projection.years.windows(2) {
        let expected = w[0].population + w[1].births - w[1].deaths + w[1].net_migrants;
        assert!((w[1].population - expected).abs() < 1e-6);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn outputs_are_finite_and_non_negative_for_any_valid_levers(levers in any_levers()) {
        let run = engine().run(&levers).unwrap();
        for y in &run.projection.years {
            prop_assert!(check_year(y).is_ok(), "{:?}", check_year(y));
        }
        for o in &run.outcomes {
            prop_assert!(o.value.is_finite() && o.gap.is_finite());
        }
    }

    #[test]
    fn more_in_migration_never_means_fewer_residents_or_pupils(levers in any_levers(), extra in 1.0f64..5000.0) {
        let base = levers.get(LeverId::NetMigration);
        let mut more = levers.clone();
        prop_assume!(base + extra <= LeverId::NetMigration.spec().max);
        more.set(LeverId::NetMigration, base + extra).unwrap();
        let a = engine().run(&levers).unwrap();
        let b = engine().run(&more).unwrap();
        for (ya, yb) in a.projection.years.iter().zip(&b.projection.years) {
            prop_assert!(yb.population >= ya.population - 1e-9, "{}: {} < {}", ya.year, yb.population, ya.population);
            prop_assert!(yb.primary_pupils >= ya.primary_pupils - 1e-9);
            prop_assert!(yb.junior_pupils >= ya.junior_pupils - 1e-9);
        }
    }
}

#[test]
fn migrant_children_share_is_exactly_100_when_every_child_is_placed() {
    // Regression: summing the levels in a different order left 99.99999999999997 %, which
    // failed the "100 %" target in about half the Monte Carlo draws.
    let run = engine().run(&Levers::default()).unwrap();
    for y in &run.projection.years {
        assert_eq!(y.migrant_public_pct, 100.0, "{}", y.year);
    }
    // No new places after 2025, heavy in-migration and every local pupil in a public school:
    // the places run out and the share must fall below 100.
    let tight = Levers::with_overrides(&[
        (LeverId::SchoolPlaces, 0.0),
        (LeverId::NetMigration, 15_000.0),
        (LeverId::LocalPublicShare, 100.0),
        (LeverId::MigrantPupilShare, 60.0),
    ])
    .unwrap();
    let run = engine().run(&tight).unwrap();
    assert!(
        run.projection.years[4].migrant_public_pct < 100.0,
        "places ran out, yet every migrant child is placed"
    );
}
