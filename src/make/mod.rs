//! `make-edition`: an edition from the press PDFs (one per page) and a draft
//! of the article texts. Pure logic here (normalising, matching, geometry);
//! the poppler calls and the files in `poppler` and `run`.

pub mod draft;
pub mod geom;
pub mod layout;
pub mod locate;
pub mod matching;
pub mod output;
pub mod poppler;
pub mod regions;
pub mod report;
pub mod run;
pub mod text;
