//! The app's own components rendered to HTML (Yew's server renderer), for the
//! place as the app shows it on arrival: the same markup, one source.

use crate::edition::Edition;
use crate::route::{Links, Place};
use crate::state::Load;
use crate::web::{Frame, FrameProps};
use std::rc::Rc;

/// Renders a batch of places of one edition on one small runtime.
pub struct Renderer {
    runtime: tokio::runtime::Runtime,
}

impl Renderer {
    pub fn new() -> std::io::Result<Renderer> {
        let runtime = tokio::runtime::Builder::new_current_thread().build()?;
        Ok(Renderer { runtime })
    }

    /// The markup of `#app` for `place` (a page, or an article over its page).
    pub fn place(
        &self,
        links: &Rc<Links>,
        edition: &Rc<Edition>,
        edition_url: &str,
        place: &Place,
    ) -> String {
        let props = FrameProps {
            links: links.clone(),
            edition: Load::Ready(edition.clone().into()),
            edition_url: edition_url.to_string(),
            place: place.clone(),
            notice: None,
            toast: None,
            embed: false,
            list_open: false,
            on_nav: Default::default(),
            on_toggle_list: Default::default(),
            on_share: Default::default(),
            on_dismiss: Default::default(),
            on_retry: None,
            search: None,
            calendar: None,
            marks: None,
            on_search: Default::default(),
            on_archive: Default::default(),
            offline: Default::default(),
        };
        let renderer = yew::LocalServerRenderer::<Frame>::with_props(props).hydratable(false);
        self.runtime.block_on(renderer.render())
    }
}
