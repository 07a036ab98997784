//! What the first view hands to the whole page when the whole page takes over (`Handoff`): the
//! workbench's link plus what a link does not carry (the open tab, the Monte Carlo settings and
//! results on screen, the undo and redo steps, the link's notices), as bytes (bincode).
//!
//! The first view (`app` bundle: the levers, the target table, the charts and the Monte Carlo
//! panel) loads first; the whole page (`workbench` bundle) loads after it and must open exactly
//! where the analyst is, losing nothing: a drag in progress becomes its undo step, a finished
//! Monte Carlo run is not drawn again.

use super::state::{Tab, Workbench};
use crate::model::levers::{LeverId, Levers};
use crate::scenario::link;
use crate::scenario::mc_messages::McSummary;
use crate::scenario::mc_state::{McSettings, McState, McStatus};
use crate::scenario::InputError;
use serde::{Deserialize, Serialize};

/// One lever set as its changed levers, by stable key.
type LeverSteps = Vec<Vec<(String, f64)>>;

/// The state the whole page resumes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handoff {
    /// The workbench's link (levers, figures, reported figures, scenario A, names, language,
    /// seed, slide, preset), as the address bar has it.
    pub query: String,
    /// What the opening link could not use, still on display.
    pub link_notices: Vec<InputError>,
    pub tab: Tab,
    pub assumptions_open: bool,
    pub draws: u64,
    pub spread: f64,
    /// The Monte Carlo run: its id, where it is, and the results on screen (a finished run's
    /// stay; a run still going starts again with them held, `McState::resumed`).
    pub run_id: u64,
    pub status: McStatus,
    pub summary: Option<McSummary>,
    /// Undo steps, oldest first, and redo steps.
    pub past: LeverSteps,
    pub future: LeverSteps,
}

fn steps(levers: &[Levers]) -> LeverSteps {
    levers
        .iter()
        .map(|l| {
            l.changed()
                .into_iter()
                .map(|(id, v)| (id.spec().key.to_string(), v))
                .collect()
        })
        .collect()
}

/// The lever sets of `steps` that are still valid levers (a step from another build that is
/// not is dropped: it only costs an undo step).
fn lever_sets(steps: &LeverSteps) -> Vec<Levers> {
    steps
        .iter()
        .filter_map(|step| {
            let overrides: Option<Vec<(LeverId, f64)>> = step
                .iter()
                .map(|(key, v)| LeverId::from_key(key).map(|id| (id, *v)))
                .collect();
            Levers::with_overrides(&overrides?).ok()
        })
        .collect()
}

impl Handoff {
    /// What `workbench` must hand over.
    pub fn of(workbench: &Workbench) -> Handoff {
        let (past, future) = workbench.history();
        Handoff {
            query: link::encode(&workbench.link_state()),
            link_notices: workbench.link_notices.clone(),
            tab: workbench.tab,
            assumptions_open: workbench.assumptions_open,
            draws: workbench.mc.settings.draws,
            spread: workbench.mc.settings.spread,
            run_id: workbench.mc.run_id,
            status: workbench.mc.status.clone(),
            summary: workbench.mc.shown().map(|s| (**s).clone()),
            past: steps(&past),
            future: steps(&future),
        }
    }

    /// The workbench this hands over, in year `as_of`: the link applied (not as an undo step),
    /// then the rest.
    pub fn resume(&self, as_of: i32) -> Workbench {
        let mut workbench =
            Workbench::opened_from(as_of, &self.query, Some(self.link_notices.clone()));
        workbench.tab = self.tab;
        workbench.assumptions_open = self.assumptions_open;
        let settings = McSettings {
            draws: self.draws,
            spread: self.spread,
            seed: workbench.mc.settings.seed,
        };
        workbench.mc = McState::resumed(
            settings,
            self.run_id,
            self.status.clone(),
            self.summary.clone(),
        );
        workbench.mc_probabilities = workbench.mc.probabilities();
        workbench.past = lever_sets(&self.past);
        workbench.future = lever_sets(&self.future);
        workbench
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        bincode::serialize(self).unwrap_or_default()
    }

    /// `None` for bytes that are not a handoff of this build.
    pub fn from_bytes(bytes: &[u8]) -> Option<Handoff> {
        bincode::deserialize(bytes).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::mc_state::McAction;
    use crate::ui::state::Action;
    use std::rc::Rc;

    fn summary(p: f64) -> McSummary {
        McSummary {
            draws: 2000,
            bands: vec![vec![[1.0, 2.0, f64::NAN, 4.0, 5.0]]],
            probability: vec![p, 0.5],
            target_bands: vec![[0.0; 5]],
        }
    }

    /// A workbench in every state a first view can reach: levers moved (with undo and redo
    /// steps), scenario A pinned and named, English, reported figures with a note, another
    /// tab, the assumptions open, other Monte Carlo settings and results on screen.
    fn busy_workbench() -> Rc<Workbench> {
        let mut w = Rc::new(Workbench::as_of(2026));
        for action in [
            Action::SetLever(LeverId::Tfr, 1.2),
            Action::PinA,
            Action::SetLever(LeverId::Tfr, 1.4),
            Action::SetLever(LeverId::Tfr, 1.5),
            Action::Undo,
            Action::SetName("东区 2026".into()),
            Action::SetCompareName("A".into()),
            Action::SetLang(super::super::i18n::Lang::En),
            Action::SetActual {
                key: "population".into(),
                year: 2025,
                text: "421000".into(),
            },
            Action::SetActualNote {
                key: "population".into(),
                year: 2025,
                text: "区统计局".into(),
            },
            Action::SetTab(Tab::Methods),
            Action::ToggleAssumptions,
            Action::Mc(McAction::SetDraws(10_000)),
            Action::Mc(McAction::SetSpread(1.5)),
        ] {
            w = w.reduced(action);
        }
        let mut inner = (*w).clone();
        // A run going, with the previous run's results on screen.
        inner.mc = McState::resumed(inner.mc.settings, 7, McStatus::Running, Some(summary(0.9)));
        inner.link_notices = vec![InputError::new("zz", "未知参数", "unknown key")];
        Rc::new(inner)
    }

    #[test]
    fn the_whole_page_resumes_exactly_where_the_first_view_was() {
        let before = busy_workbench();
        let bytes = Handoff::of(&before).to_bytes();
        let after = Handoff::from_bytes(&bytes)
            .expect("round trip")
            .resume(2026);
        assert_eq!(after.link_state(), before.link_state());
        assert_eq!(after.levers, before.levers);
        assert_eq!(after.run.projection.years, before.run.projection.years);
        assert_eq!(
            after.compare.as_ref().map(|c| c.levers.clone()),
            before.compare.as_ref().map(|c| c.levers.clone())
        );
        assert_eq!(after.lang, before.lang);
        assert_eq!(after.tab, Tab::Methods);
        assert!(after.assumptions_open);
        assert_eq!(after.mc.settings, before.mc.settings);
        assert_eq!(after.link_notices, before.link_notices);
        assert_eq!(after.actual_notes, before.actual_notes);
        assert_eq!(after.past, before.past);
        assert_eq!(after.future, before.future);
        assert!(after.can_redo(), "the undone step can be redone");
        // The results on screen stay (held) while the new run goes, NaN percentiles included.
        let shown = after.mc.shown().expect("held summary");
        assert_eq!(shown.probability, vec![0.9, 0.5]);
        assert!(shown.bands[0][0][2].is_nan());
        assert_eq!(after.mc_probabilities, Some(vec![0.9, 0.5]));
        assert!(
            after.mc.running(),
            "a run still going starts again in the whole page"
        );
        assert!(
            after.mc.run_id > before.mc.run_id,
            "run ids go on increasing"
        );
    }

    #[test]
    fn a_finished_monte_carlo_run_is_not_drawn_again_after_the_handoff() {
        let mut before = (*busy_workbench()).clone();
        let done = McStatus::Done {
            elapsed_ms: 41.0,
            page_ms: Some(52.5),
        };
        before.mc = McState::resumed(before.mc.settings, 9, done.clone(), Some(summary(0.8)));
        let after = Handoff::from_bytes(&Handoff::of(&before).to_bytes())
            .expect("round trip")
            .resume(2026);
        assert_eq!(after.mc.status, done);
        assert_eq!(after.mc.run_id, 9);
        assert_eq!(
            after.mc.finished().map(|s| s.probability.clone()),
            Some(vec![0.8, 0.5])
        );
        assert_eq!(after.mc_probabilities, Some(vec![0.8, 0.5]));
        assert_eq!(after.mc.hold(), None);
        // A change afterwards starts a new run, as it would have in the first view.
        let changed = Rc::new(after).reduced(Action::SetLever(LeverId::Tfr, 1.1));
        assert!(changed.mc.running());
        assert_eq!(changed.mc.run_id, 10);
    }

    #[test]
    fn a_slider_dragged_during_the_handoff_keeps_its_own_undo_step() {
        let start = Rc::new(Workbench::as_of(2026)).reduced(Action::SetLever(LeverId::Tfr, 1.2));
        let dragging = start
            .clone()
            .reduced(Action::PreviewLever(LeverId::NetMigration, 2500.0))
            .reduced(Action::PreviewLever(LeverId::NetMigration, 3000.0));
        let after = Rc::new(Handoff::of(&dragging).resume(2026));
        assert_eq!(after.levers, dragging.levers);
        let undone = after.reduced(Action::Undo);
        assert_eq!(
            undone.levers, start.levers,
            "one undo takes back the drag alone"
        );
        assert_eq!(undone.reduced(Action::Undo).levers, Levers::default());
    }

    #[test]
    fn undo_after_the_handoff_goes_back_to_the_first_views_steps() {
        let before = busy_workbench();
        let after = Rc::new(Handoff::of(&before).resume(2026));
        let undone_before = before.clone().reduced(Action::Undo);
        let undone_after = after.reduced(Action::Undo);
        assert_eq!(undone_after.levers, undone_before.levers);
    }

    #[test]
    fn bytes_that_are_not_a_handoff_are_refused() {
        assert_eq!(Handoff::from_bytes(&[]), None);
        assert_eq!(Handoff::from_bytes(&[0xff; 7]), None);
    }
}
