//! A list's page navigation, and its « Exporter (CSV) » button: built on the list's query as
//! its URL carries it ([`LiveQuery`]).

use super::LiveQuery;
use crate::i18n::*;
use leptos::prelude::*;

/// One place in the page navigation: a page's link, or pages left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PageLink {
    Page(u64),
    Gap,
}

/// The pages the navigation names around `page` of `page_count`: all of them up to nine;
/// beyond, the first, the last, and two on each side of the current one, with a gap for the
/// pages between (a gap of a single page names that page instead). However large the
/// organisation, at most nine.
fn page_window(page: u64, page_count: u64) -> Vec<PageLink> {
    const ALL_UP_TO: u64 = 9;
    if page_count <= ALL_UP_TO {
        return (1..=page_count).map(PageLink::Page).collect();
    }
    let near = page.saturating_sub(2).max(1)..=(page + 2).min(page_count);
    let mut pages: Vec<u64> = [1, page_count].into_iter().chain(near).collect();
    pages.sort_unstable();
    pages.dedup();
    let mut out = Vec::with_capacity(pages.len() + 2);
    let mut previous = 0;
    for n in pages.into_iter().filter(|n| (1..=page_count).contains(n)) {
        match n - previous {
            1 => {}
            2 => out.push(PageLink::Page(n - 1)),
            _ => out.push(PageLink::Gap),
        }
        out.push(PageLink::Page(n));
        previous = n;
    }
    out
}

/// Previous, numbered and next page links, each a real link (they work without WebAssembly).
#[component]
pub fn Pagination<Q: LiveQuery>(
    page: u64,
    page_count: u64,
    /// The page's query now.
    query: Signal<Q>,
) -> impl IntoView {
    let i18n = use_i18n();
    (page_count > 1).then(|| {
        let link = move |n: u64| query.get().with_page(n).url();
        view! {
            <nav class="pagination" aria-label=move || t_string!(i18n, contacts.pagination).to_string()>
                <p class="page-status">
                    {t!(i18n, contacts.page_status, page = page, pages = page_count)}
                </p>
                <ul>
                    {(page > 1)
                        .then(|| {
                            view! {
                                <li>
                                    <a href=move || link(page - 1) rel="prev">
                                        {tr!(i18n, contacts.previous)}
                                    </a>
                                </li>
                            }
                        })}
                    {page_window(page, page_count)
                        .into_iter()
                        .map(|item| {
                            let PageLink::Page(n) = item else {
                                return view! {
                                    <li class="gap" aria-hidden="true">"…"</li>
                                }
                                    .into_any();
                            };
                            let label = move || t_string!(i18n, contacts.page_n, page = n).to_string();
                            if n == page {
                                view! {
                                    <li>
                                        <span aria-current="page" aria-label=label>{n}</span>
                                    </li>
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <li>
                                        <a href=move || link(n) aria-label=label>{n}</a>
                                    </li>
                                }
                                    .into_any()
                            }
                        })
                        .collect_view()}
                    {(page < page_count)
                        .then(|| {
                            view! {
                                <li>
                                    <a href=move || link(page + 1) rel="next">
                                        {tr!(i18n, contacts.next)}
                                    </a>
                                </li>
                            }
                        })}
                </ul>
            </nav>
        }
    })
}

/// « Exporter (CSV) », under a list: every line its filters select, as a file in the
/// interface language, from `action`. A GET form the browser sends itself, hydrated or not:
/// the answer is a download, and the page stays.
#[component]
pub fn ExportButton<Q: LiveQuery>(
    /// The list's query now.
    query: Signal<Q>,
    /// Where the file is.
    action: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain::Language::from(i18n.get_locale()).code();
    view! {
        <form method="get" action=action>
            {move || {
                query
                    .get()
                    .to_pairs()
                    .into_iter()
                    .filter(|(name, _)| *name != "page")
                    .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
                    .collect_view()
            }}
            <input type="hidden" name="lang" value=lang prop:value=lang />
            <button type="submit">{tr!(i18n, contacts.export)}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::{PageLink, page_window};

    fn window(page: u64, count: u64) -> String {
        page_window(page, count)
            .into_iter()
            .map(|item| match item {
                PageLink::Page(n) => n.to_string(),
                PageLink::Gap => "…".to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn the_page_navigation_stays_short_whatever_the_number_of_pages() {
        assert_eq!(window(1, 1), "1");
        assert_eq!(window(2, 4), "1 2 3 4");
        assert_eq!(window(1, 9), "1 2 3 4 5 6 7 8 9");
        assert_eq!(window(1, 10), "1 2 3 … 10");
        assert_eq!(window(1, 851), "1 2 3 … 851");
        assert_eq!(window(4, 851), "1 2 3 4 5 6 … 851");
        assert_eq!(window(5, 851), "1 2 3 4 5 6 7 … 851");
        assert_eq!(window(100, 851), "1 … 98 99 100 101 102 … 851");
        assert_eq!(window(849, 851), "1 … 847 848 849 850 851");
        assert_eq!(window(851, 851), "1 … 849 850 851");
        for count in 1..60 {
            for page in 1..=count {
                let items = page_window(page, count);
                assert!(items.len() <= 9, "{page} of {count}: {items:?}");
                assert!(items.contains(&PageLink::Page(page)));
                assert!(items.contains(&PageLink::Page(1)));
                assert!(items.contains(&PageLink::Page(count)));
            }
        }
    }
}
