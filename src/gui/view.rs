//! View state: what the user is looking at, never saved in the project file (selection, hover,
//! the layer lens, checklist filters, the palette query).

use crate::project::{BoundaryId, ComponentId};
use crate::vocab::{Domain, Layer, Priority, Status};
use std::collections::BTreeSet;

/// What is selected on the canvas.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    /// Selected components.
    pub components: BTreeSet<ComponentId>,
    /// A selected connection (index into `project.connections`).
    pub connection: Option<usize>,
    /// Selected boundaries.
    pub boundaries: BTreeSet<BoundaryId>,
}

impl Selection {
    /// Nothing selected?
    pub fn is_empty(&self) -> bool {
        self.components.is_empty() && self.connection.is_none() && self.boundaries.is_empty()
    }

    /// Selects exactly one boundary.
    pub fn only_boundary(&mut self, id: BoundaryId) {
        self.components.clear();
        self.boundaries.clear();
        self.boundaries.insert(id);
        self.connection = None;
    }

    /// Selects exactly one component.
    pub fn only(&mut self, id: ComponentId) {
        self.components.clear();
        self.boundaries.clear();
        self.components.insert(id);
        self.connection = None;
    }

    /// Adds or removes one component (shift-click).
    pub fn toggle(&mut self, id: ComponentId) {
        if !self.components.remove(&id) {
            self.components.insert(id);
        }
        self.connection = None;
    }

    /// Clears everything.
    pub fn clear(&mut self) {
        self.components.clear();
        self.boundaries.clear();
        self.connection = None;
    }

    /// The single selected boundary, if exactly one is and no component.
    pub fn single_boundary(&self) -> Option<BoundaryId> {
        (self.boundaries.len() == 1 && self.components.is_empty())
            .then(|| *self.boundaries.iter().next().expect("len 1"))
    }

    /// The single selected component, if exactly one is.
    pub fn single(&self) -> Option<ComponentId> {
        (self.components.len() == 1).then(|| *self.components.iter().next().expect("len 1"))
    }

    /// Selected component ids as a vector.
    pub fn ids(&self) -> Vec<ComponentId> {
        self.components.iter().copied().collect()
    }
}

/// Filters of the checklist panel.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ChecklistFilter {
    /// Which statuses to show.
    pub status: StatusFilter,
    /// Only this domain.
    pub domain: Option<Domain>,
    /// Only this priority or more urgent.
    pub priority: Option<Priority>,
    /// Which components.
    pub component: ComponentFilter,
    /// Only the items that address this framework version (index into the catalog's
    /// framework versions).
    pub framework: Option<usize>,
}

/// The status filter of the checklist.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub enum StatusFilter {
    /// Every item.
    #[default]
    All,
    /// Open or in progress.
    Unfinished,
    /// Exactly this status.
    Is(Status),
}

impl StatusFilter {
    /// Does an item with `status` pass?
    pub fn accepts(self, status: Status) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Unfinished => matches!(status, Status::Open | Status::InProgress),
            StatusFilter::Is(s) => s == status,
        }
    }

    /// Menu title.
    pub fn title(self) -> &'static str {
        match self {
            StatusFilter::All => "Any status",
            StatusFilter::Unfinished => "Not finished",
            StatusFilter::Is(s) => s.title(),
        }
    }
}

/// The component filter of the checklist.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub enum ComponentFilter {
    /// Every item.
    #[default]
    All,
    /// Items covering any selected component.
    Selected,
    /// Items covering this component.
    One(ComponentId),
}

/// All view state.
#[derive(Debug, Default)]
pub struct ViewState {
    /// The selection.
    pub selection: Selection,
    /// The layer lens: highlight components where the customer owns this layer.
    pub lens: Option<Layer>,
    /// The checklist item under the pointer this frame (index into the checklist).
    pub hover_item: Option<usize>,
    /// Checklist filters.
    pub filter: ChecklistFilter,
    /// Domains collapsed in the checklist.
    pub collapsed_domains: BTreeSet<Domain>,
    /// The palette's search text.
    pub palette_query: String,
    /// Scroll the checklist to this item on the next frame.
    pub scroll_to_item: Option<usize>,
}
