//! Runs in headless Chromium: the messages between the page and the Monte Carlo worker survive
//! the worker's own codec (gloo-worker's bincode, which is not self-describing), with a custom
//! population and edited baseline figures, and the decoded job runs on that baseline; so do the
//! shares of a job split among workers and the rows of draws they send back.
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

#[wasm_bindgen_test]
fn shares_and_their_bands_survive_the_worker_codec() {
    use licheng_sim::model::levers::Levers;
    use licheng_sim::model::montecarlo::Settings;
    use licheng_sim::scenario::mc_messages::{
        part_requests, ColumnShare, McUpdate, ShareColumns, ShareTiming,
    };
    for sent in part_requests(&job(BaselineEdits::default(), None), 2) {
        let received: McRequest = Bincode::decode(Bincode::encode(&sent));
        assert_eq!(received, sent);
    }
    let mc = Engine::licheng()
        .monte_carlo(&Levers::default(), Settings::new(5, 1.0).unwrap())
        .unwrap();
    let (first, second) = (mc.draws(0..50), mc.draws(50..80));
    let columns = first.column_count();
    let mut shares = [0, 1].map(|part| ShareColumns::new(9, part, 2, 80, columns));
    // Partial bands (part 0 has none of part 1's rows yet), then the exchange and the end.
    let sent = shares[0].partial_bands(&first);
    let received: McUpdate = Bincode::decode(Bincode::encode(&sent));
    assert_eq!(received, sent);
    let blocks: Vec<ColumnShare> = shares[1].outgoing(&second);
    for block in blocks {
        // Through the block of numbers the workers post (a Float64Array in Chromium).
        let packed = js_sys::Float64Array::from(&block.encode()[..]).to_vec();
        assert!(shares[0]
            .receive(ColumnShare::decode(packed).unwrap())
            .unwrap());
    }
    assert_eq!(shares[0].complete(first.len()), Ok(true));
    let sent = shares[0].bands(
        &first,
        ShareTiming {
            draw_ms: 12.5,
            ..ShareTiming::default()
        },
    );
    let received: McUpdate = Bincode::decode(Bincode::encode(&sent));
    assert_eq!(received, sent);
    assert!(matches!(
        received,
        McUpdate::Bands {
            complete: true,
            draws: 50,
            timing: Some(ShareTiming { draw_ms: 12.5, .. }),
            ..
        }
    ));
}
