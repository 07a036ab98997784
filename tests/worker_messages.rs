//! Runs in headless Chromium: the messages between the page and the Monte Carlo worker survive
//! the worker's own codec (gloo-worker's bincode, which is not self-describing), with a custom
//! population and edited baseline figures, and the decoded job runs on that baseline.
#![cfg(target_arch = "wasm32")]

use gloo::worker::{Bincode, Codec};
use licheng_sim::model::baseline::Stock;
use licheng_sim::model::cohort::{FEMALE, MALE};
use licheng_sim::model::levers::LeverId;
use licheng_sim::scenario::baseline_edits::BaselineEdits;
use licheng_sim::scenario::mc_messages::{run_job, GoalSeekJob, McJob, McRequest};
use licheng_sim::scenario::uncertainty::DEFAULT_SEED;
use licheng_sim::scenario::Engine;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn job(figures: BaselineEdits, population: Option<(Vec<f64>, Vec<f64>)>) -> McJob {
    McJob {
        run_id: 3,
        levers: LeverId::ALL.iter().map(|id| id.spec().default).collect(),
        seed: DEFAULT_SEED,
        spread: 1.0,
        draws: 100,
        chunk: 50,
        population,
        figures,
        actuals: Vec::new(),
    }
}

#[wasm_bindgen_test]
fn jobs_with_figures_and_a_population_survive_the_worker_codec() {
    let engine = Engine::licheng();
    let p = engine.baseline().population();
    let population = Some((p.sex(FEMALE).to_vec(), p.sex(MALE).to_vec()));
    let figures = BaselineEdits::default()
        .with(Stock::JuniorCapacity, Some(12000.0))
        .with(Stock::InsurancePct, Some(93.5));
    for sent in [
        McRequest::Run(job(BaselineEdits::default(), None)),
        McRequest::Run(job(figures, None)),
        McRequest::Run(job(figures, population.clone())),
        McRequest::Run(McJob {
            actuals: vec![licheng_sim::scenario::actuals::ActualEntry {
                key: "jobs_new_urban".into(),
                year: 2025,
                value: 5300.0,
            }],
            ..job(figures, None)
        }),
        McRequest::GoalSeek(GoalSeekJob {
            scenario: job(figures, population),
            target: 2,
            lever: "mig".into(),
            levels: vec![0.5, 0.8],
        }),
        McRequest::Cancel,
    ] {
        let received: McRequest = Bincode::decode(Bincode::encode(&sent));
        assert_eq!(received, sent);
    }
    let received: McRequest = Bincode::decode(Bincode::encode(McRequest::Run(job(figures, None))));
    let McRequest::Run(received) = received else {
        panic!("a Run request");
    };
    let direct = engine.customised(None, &figures).unwrap();
    assert_eq!(
        run_job(&engine, &received).unwrap(),
        run_job(&direct, &job(BaselineEdits::default(), None)).unwrap()
    );
}
