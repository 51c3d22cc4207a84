//! Palette search: which services match what the user typed ("db", "queue", "cdn").

use super::{Catalog, Service};

impl Catalog {
    /// Services matching every word of `query` (case-insensitive) in id, names, group,
    /// keywords or description; all services for an empty query. Name matches come first.
    pub fn search(&self, query: &str) -> Vec<&Service> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return self.services().iter().collect();
        }
        let mut hits: Vec<(u8, usize, &Service)> = Vec::new();
        for (i, svc) in self.services().iter().enumerate() {
            let names = format!("{} {} {}", svc.id, svc.name, svc.short).to_lowercase();
            let rest = format!(
                "{} {} {} {}",
                svc.group.title(),
                svc.group.id(),
                svc.keywords.join(" "),
                svc.description
            )
            .to_lowercase();
            let mut rank = 0;
            let all = words.iter().all(|w| {
                if names.contains(w.as_str()) {
                    true
                } else if rest.contains(w.as_str()) {
                    rank = 1;
                    true
                } else {
                    false
                }
            });
            if all {
                hits.push((rank, i, svc));
            }
        }
        hits.sort_by_key(|(rank, i, _)| (*rank, *i));
        hits.into_iter().map(|(_, _, s)| s).collect()
    }
}
