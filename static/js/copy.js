// A "Copy BibTeX" button: shown only when the clipboard can be written.
(function () {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(source.textContent);
        button.textContent = "Copied";
      } catch (e) {
        button.textContent = "Copy failed: select the text";
      }
      setTimeout(() => { button.textContent = "Copy BibTeX"; }, 2000);
    });
  }
})();
