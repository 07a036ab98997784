//! Guards against panics and nonsense at the edges: every lever at its minimum and maximum, and
//! every pair of levers at each combination of their extremes, gives finite, non-negative
//! outputs (flows that may be negative excepted) and valid target outcomes.

use licheng_sim::model::levers::{Levers, LEVERS};
use licheng_sim::scenario::report::COLUMNS;
use licheng_sim::scenario::Engine;

const SIGNED: &[&str] = &["growth_pct", "net_migrants"];

fn check(engine: &Engine, levers: &Levers, what: &str) {
    let run = engine.run(levers).unwrap_or_else(|e| panic!("{what}: {e}"));
    for y in &run.projection.years {
        for c in COLUMNS {
            let v = (c.read)(y);
            assert!(v.is_finite(), "{what}: {} {} = {v}", y.year, c.key);
            assert!(
                v >= 0.0 || SIGNED.contains(&c.key),
                "{what}: {} {} = {v}",
                y.year,
                c.key
            );
        }
    }
    for (t, o) in engine.plan().targets.iter().zip(&run.outcomes) {
        assert!(
            o.value.is_finite() && o.gap.is_finite(),
            "{what}: target {} {:?}",
            t.id,
            o
        );
    }
}

#[test]
fn every_lever_at_its_extremes_gives_finite_non_negative_outputs() {
    let engine = Engine::licheng();
    for spec in &LEVERS {
        for v in [spec.min, spec.max] {
            let levers = Levers::with_overrides(&[(spec.id, v)]).unwrap();
            check(&engine, &levers, &format!("{}={v}", spec.key));
        }
    }
}

#[test]
fn every_pair_of_levers_at_their_extremes_gives_finite_non_negative_outputs() {
    let engine = Engine::licheng();
    let mut runs = 0;
    for (i, a) in LEVERS.iter().enumerate() {
        for b in &LEVERS[i + 1..] {
            for va in [a.min, a.max] {
                for vb in [b.min, b.max] {
                    let levers = Levers::with_overrides(&[(a.id, va), (b.id, vb)]).unwrap();
                    check(&engine, &levers, &format!("{}={va}, {}={vb}", a.key, b.key));
                    runs += 1;
                }
            }
        }
    }
    let n = LEVERS.len();
    assert_eq!(runs, n * (n - 1) * 2);
}
