//! srm-planner: the AWS Shared Responsibility Model made visible for a whole architecture.
//!
//! The domain modules here (catalog, project, responsibility engine, checklist, exports) are free
//! of any UI: pure functions of the catalog and a project. The GUI lives in [`gui`]; the command
//! line in [`cli`].

pub mod catalog;
pub mod checklist;
pub mod cli;
pub mod compliance;
pub mod diff;
pub mod error;
pub mod evidence;
pub mod export;
#[cfg(feature = "gui")]
pub mod gui;
pub mod import;
pub mod position;
pub mod project;
pub mod recovery;
pub mod responsibility;
pub mod text;
pub mod vocab;
