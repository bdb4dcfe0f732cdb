// Pagefind's search box on /search/ (its index is in /pagefind/, under the site's path;
// a large site's index comes in parts, whose bundles data-parts lists: all are searched).
// An address ending in ?q=words searches for them at once. Without JavaScript, the page
// says where else to look; that note goes once the search box is there.
(function () {
  const box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") return;
  const base = box.dataset.base;
  const ui = new PagefindUI({
    element: "#search", baseUrl: base, bundlePath: base + "pagefind/",
    showSubResults: false, showImages: false,
    mergeIndex: (box.dataset.parts || "").split(" ").filter(Boolean).map((path) => ({ bundlePath: path })),
  });
  const input = box.querySelector("input");
  if (input) {  // Pagefind's box has only a title: give it a label a reader can see
    const label = document.createElement("label");
    input.id = label.htmlFor = "search-input";
    label.className = "search-label";
    label.textContent = "Papers and authors";
    box.prepend(label);
    input.focus();  // the page is for typing in it
  }
  document.getElementById("search-off").hidden = true;
  const q = new URLSearchParams(location.search).get("q");
  if (q) ui.triggerSearch(q);
})();
