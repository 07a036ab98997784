//! Guards the cohort-component engine against published worked examples (tests/cases/ccm/*),
//! run through the CLI's custom-baseline format exactly as an analyst would.

use crate::util::{case_dirs, cli};
use serde_json::Value;

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// The case's baseline projected `steps` steps by `licheng ccm` (JSON rows, the base row first).
fn run_case(dir: &std::path::Path, steps: i64) -> Value {
    let baseline = dir.join("baseline.toml");
    let (code, out, err) = cli(&[
        "ccm",
        "--baseline",
        baseline.to_str().unwrap(),
        "--steps",
        &steps.to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{}: {err}", dir.display());
    serde_json::from_str(&out).unwrap()
}

#[test]
fn ccm_reproduces_published_reference_cases() {
    for dir in case_dirs("ccm") {
        let expected: toml::Table =
            toml::from_str(&std::fs::read_to_string(dir.join("expected.toml")).unwrap()).unwrap();
        let steps = expected["steps"].as_integer().unwrap();
        let tol = expected["tolerance"].as_float().unwrap();
        let rows = run_case(&dir, steps);
        for step in 1..=steps as usize {
            let got = numbers(&rows[step]["female"]);
            let want: Vec<f64> = expected[&format!("female_step{step}")]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_float().or(x.as_integer().map(|i| i as f64)).unwrap())
                .collect();
            assert_eq!(got.len(), want.len());
            for (g, (a, b)) in got.iter().zip(&want).enumerate() {
                assert!(
                    (a - b).abs() <= tol,
                    "{} step {step} group {g}: {a} vs {b}",
                    dir.display()
                );
            }
            if let Some(total) = expected.get(&format!("total_step{step}")) {
                let total = total.as_float().unwrap();
                let got_total: f64 = got.iter().sum();
                assert!(
                    (got_total - total).abs() <= tol,
                    "{} total step {step}: {got_total} vs {total}",
                    dir.display()
                );
            }
            if let Some(births) = expected.get(&format!("births_step{step}")) {
                let b = rows[step]["births"].as_f64().unwrap();
                assert!(
                    (b - births.as_float().unwrap()).abs() <= tol,
                    "{} births: {b}",
                    dir.display()
                );
            }
        }
        if let Some(lambda) = expected.get("leslie_dominant_eigenvalue") {
            check_dominant_eigenvalue(&dir, &expected, lambda.as_float().unwrap());
        }
    }
}

/// Projects the case long enough for the population to be stable (power iteration on the
/// engine's own step): the ratio of the last two totals is the dominant eigenvalue, which must
/// round to the published `lambda` (given to 8 decimals: within half a unit of the 8th).
fn check_dominant_eigenvalue(dir: &std::path::Path, expected: &toml::Table, lambda: f64) {
    let steps = expected["eigenvalue_steps"].as_integer().unwrap();
    let rows = run_case(dir, steps);
    let total = |step: usize| -> f64 { numbers(&rows[step]["female"]).iter().sum() };
    let ratio = total(steps as usize) / total(steps as usize - 1);
    assert!(
        (ratio - lambda).abs() <= 5e-9,
        "{}: growth per step {ratio} after {steps} steps, published {lambda}",
        dir.display()
    );
}

#[test]
fn ccm_accounting_is_exact_for_reference_cases() {
    for dir in case_dirs("ccm") {
        let rows = run_case(&dir, 3);
        let rows = rows.as_array().unwrap();
        for w in rows.windows(2) {
            let expected = w[0]["total"].as_f64().unwrap() + w[1]["births"].as_f64().unwrap()
                - w[1]["deaths"].as_f64().unwrap()
                + w[1]["migrants"].as_f64().unwrap();
            let got = w[1]["total"].as_f64().unwrap();
            assert!(
                (got - expected).abs() < 1e-6,
                "{}: {got} vs {expected}",
                dir.display()
            );
        }
    }
}
