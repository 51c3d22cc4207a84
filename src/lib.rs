//! srm-planner: the AWS Shared Responsibility Model made visible for a whole architecture.
//!
//! The domain modules here (catalog, project, responsibility engine, checklist, exports) are free
//! of any UI: pure functions of the catalog and a project. The GUI lives in [`gui`]; the command
//! line in [`cli`].

pub mod catalog;
pub mod error;
pub mod vocab;
pub mod project;
pub mod checklist;
pub mod responsibility;
pub mod cli;
pub mod export;
