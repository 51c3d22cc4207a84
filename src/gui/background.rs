//! A worker thread for the work a large project makes too slow for one frame: working out its
//! stacks and checklist ([`Derived::compute`]), copying the project so that the next edit does
//! not have to ([`super::document::Document::adopt_copy`]), and freeing what was replaced.
//!
//! The app sends at most one piece of derivation at a time and shows the last result meanwhile;
//! edits made while the worker is busy are worked out together once it is done. The thread is
//! started on first use and ends when the app drops its [`Background`].

use super::derived::Derived;
use crate::catalog::Catalog;
use crate::project::Project;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

/// From this many components on, derived data is worked out in the background.
pub const LARGE_PROJECT: usize = 3_000;

/// What the worker is asked to do.
enum Job {
    /// Copy the project, then work out what is derived from it at this content revision.
    Derive { catalog: Arc<Catalog>, project: Arc<Project>, rev: u64, repaint: Option<egui::Context> },
    /// Free this (large) value off the UI thread.
    Free(Box<dyn Send>),
}

/// What the worker sends back.
pub enum Done {
    /// A copy of `of`, to be the project the next edit changes (`of` stays in the history).
    Copy { of: Arc<Project>, copy: Arc<Project> },
    /// The derived data of a revision.
    Derived(Box<Derived>),
}

/// The worker and the channels to it.
#[derive(Default)]
pub struct Background {
    link: Option<(Sender<Job>, Receiver<Done>)>,
    /// The revision being worked out, if any.
    busy: Option<u64>,
    /// A result [`Background::block`] waited for, not yet taken.
    ready: Option<Done>,
}

impl Background {
    /// Whether a revision is being worked out.
    pub fn is_busy(&self) -> bool {
        self.busy.is_some()
    }

    /// Asks for the derived data of `project` at content revision `rev`; `repaint` is woken
    /// when a result is ready. Returns false (and does nothing) when the worker cannot be
    /// reached: the caller then works it out itself.
    pub fn derive(
        &mut self,
        catalog: Arc<Catalog>,
        project: Arc<Project>,
        rev: u64,
        repaint: Option<egui::Context>,
    ) -> bool {
        let sent =
            self.sender().is_some_and(|s| s.send(Job::Derive { catalog, project, rev, repaint }).is_ok());
        if sent {
            self.busy = Some(rev);
        } else {
            self.link = None;
        }
        sent
    }

    /// Frees `value` on the worker (when there is one; here otherwise).
    pub fn free<T: Send + 'static>(&mut self, value: T) {
        if let Some((s, _)) = &self.link
            && s.send(Job::Free(Box::new(value))).is_err()
        {
            self.link = None;
        }
    }

    /// The next result, if one is ready. A worker that has gone away (it panicked) ends the
    /// wait, so the caller works out the next revision itself.
    pub fn poll(&mut self) -> Option<Done> {
        let done = match self.ready.take() {
            Some(done) => done,
            None => match self.link.as_ref()?.1.try_recv() {
                Ok(done) => done,
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    self.link = None;
                    self.busy = None;
                    return None;
                }
            },
        };
        if matches!(done, Done::Derived(_)) {
            self.busy = None;
        }
        Some(done)
    }

    /// Waits until the worker has sent something, when it is busy (for tests and the
    /// screenshot): the next [`Background::poll`] returns it.
    pub fn block(&mut self) {
        if self.busy.is_none() || self.ready.is_some() {
            return;
        }
        let Some((_, r)) = self.link.as_ref() else { return };
        match r.recv() {
            Ok(done) => self.ready = Some(done),
            Err(_) => {
                self.link = None;
                self.busy = None;
            }
        }
    }

    fn sender(&mut self) -> Option<&Sender<Job>> {
        if self.link.is_none() {
            let (jobs, inbox) = channel::<Job>();
            let (outbox, done) = channel::<Done>();
            let spawned =
                std::thread::Builder::new().name("srm-derive".into()).spawn(move || work(&inbox, &outbox));
            if spawned.is_ok() {
                self.link = Some((jobs, done));
            }
        }
        self.link.as_ref().map(|(s, _)| s)
    }
}

/// The worker's loop: until the app hangs up.
fn work(inbox: &Receiver<Job>, outbox: &Sender<Done>) {
    while let Ok(job) = inbox.recv() {
        match job {
            Job::Free(value) => drop(value),
            Job::Derive { catalog, project, rev, repaint } => {
                // The copy first: until it arrives the project is shared (with the history and
                // this thread), and an edit meanwhile would have to make a copy of its own. It
                // has room for more components and connections, so that adding one does not
                // move them all.
                let mut copy = Project::clone(&project);
                copy.components.reserve(copy.components.len() / 8 + 16);
                copy.connections.reserve(copy.connections.len() / 8 + 16);
                if outbox.send(Done::Copy { of: Arc::clone(&project), copy: Arc::new(copy) }).is_err() {
                    return;
                }
                if let Some(ctx) = &repaint {
                    ctx.request_repaint();
                }
                let derived = Derived::compute(&catalog, &project, rev);
                drop(project);
                if outbox.send(Done::Derived(Box::new(derived))).is_err() {
                    return;
                }
                if let Some(ctx) = &repaint {
                    ctx.request_repaint();
                }
            }
        }
    }
}
