//! The app's header: the paper's name (a link to today's paper), the
//! edition's date line, and 往期 (the archive of past editions).

use crate::edition::Edition;
use crate::meta::chinese_date;
use crate::route::Links;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MastheadProps {
    pub edition: Option<Rc<Edition>>,
}

#[component]
pub fn Masthead(props: &MastheadProps) -> Html {
    let links = use_context::<Rc<Links>>().unwrap_or_default();
    let edition = props.edition.as_deref();
    let name = edition.map_or("昌吉日报", |e| e.publication.name.as_str());
    let dateline = edition.map(|e| {
        html! {
            <p class="dateline">
                <time datetime={e.date.clone()}>{ chinese_date(&e.date) }</time>
                <span>{ &e.weekday }</span>
                if let Some(lunar) = &e.lunar_date { <span class="wide-only">{ format!("农历{lunar}") }</span> }
                <span>{ format!("总第{}期", e.issue_number) }</span>
                if e.test_data { <span class="test-flag">{ "测试数据" }</span> }
            </p>
        }
    });
    // A link, not a list of every edition: the page stays the same as the
    // archive grows, so publishing a new day re-renders no old page.
    let archive = format!("{}archive/{}", links.base, links.query);
    html! {
        <header class="masthead">
            <h1 class="paper-name"><a href={links.to(&Default::default())}>{ name }<span class="product">{ "数字报" }</span></a></h1>
            { for dateline }
            <a class="archive-link button" href={archive}>{ "往期" }</a>
        </header>
    }
}
