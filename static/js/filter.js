// Narrow an author's paper list by category, year and "has code". Without JavaScript
// the form stays hidden and every paper shows.
(function () {
  const form = document.getElementById("filters");
  const list = document.getElementById("papers");
  if (!form || !list) return;
  const papers = Array.from(list.querySelectorAll(".paper"));
  const groups = Array.from(list.querySelectorAll(".year-group"));
  const shown = document.getElementById("shown");
  const status = document.getElementById("filter-status");
  function apply() {
    const category = form.elements.category.value;
    const year = form.elements.year.value;
    const code = form.elements.code.checked;
    let count = 0;
    for (const p of papers) {
      const match = (!category || p.dataset.category === category) &&
        (!year || p.dataset.year === year) && (!code || p.dataset.code === "yes");
      p.hidden = !match;
      if (match) count++;
    }
    for (const g of groups) g.hidden = !g.querySelector(".paper:not([hidden])");
    shown.textContent = count;
    status.textContent = count === papers.length ? "" : count + " of " + papers.length + " papers shown";
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", (e) => e.preventDefault());
  form.hidden = false;
})();
