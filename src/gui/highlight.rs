//! Which components the canvas emphasises: those covered by the hovered checklist item, else
//! those where the customer owns the lens layer. Computed per frame from view state.

use super::derived::Derived;
use super::view::ViewState;
use crate::project::Project;
use crate::vocab::Owner;

/// How a node is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    /// Drawn as usual.
    Normal,
    /// Highlighted.
    Strong,
    /// Dimmed.
    Dim,
}

/// Why nodes are emphasised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A hovered checklist item.
    Item(usize),
    /// The layer lens.
    Lens(crate::vocab::Layer),
}

/// Emphasis of every component (project order), or `None` when nothing is emphasised.
pub fn compute(view: &ViewState, project: &Project, derived: &Derived) -> Option<(Source, Vec<Emphasis>)> {
    if let Some(k) = view.hover_item
        && let Some(item) = derived.checklist.items.get(k)
    {
        let mut out = vec![Emphasis::Dim; project.components.len()];
        for cov in &item.covers {
            if let Some(&i) = cov.subject.component().and_then(|id| derived.index.get(&id)) {
                out[i] = Emphasis::Strong;
            }
        }
        // Account and compliance items cover the whole project: emphasise nothing, dim nothing.
        if item.covers.is_empty() {
            out.fill(Emphasis::Normal);
        }
        return Some((Source::Item(k), out));
    }
    let layer = view.lens?;
    let out = (project.components.iter().enumerate())
        .map(|(i, c)| match derived.node_at(i, c.id).and_then(|n| n.owners).map(|o| o[layer.index()]) {
            Some(Owner::Customer) => Emphasis::Strong,
            Some(Owner::Shared) => Emphasis::Normal,
            _ => Emphasis::Dim,
        })
        .collect();
    Some((Source::Lens(layer), out))
}
