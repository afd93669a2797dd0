// The course site's one script, kept small: typesetting of the most common TeX and C# colouring of code cells.
// Without scripts the page stays plain text; nothing is loaded from elsewhere, so the site reads the same offline.
(function () {
  function esc(s) { return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }
  var symbols = { alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', eta: 'η', theta: 'θ', lambda: 'λ', mu: 'μ',
    pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', omega: 'ω', Delta: 'Δ', Sigma: 'Σ', Omega: 'Ω', times: '×', cdot: '·',
    lfloor: '⌊', rfloor: '⌋', lceil: '⌈', rceil: '⌉', leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', approx: '≈', pm: '±',
    infty: '∞', to: '→', rightarrow: '→', leftarrow: '←', in: '∈', sum: '∑', prod: '∏', partial: '∂', nabla: '∇',
    ldots: '…', cdots: '⋯', quad: '\u2003', qquad: '\u2003\u2003', ',': '\u2009', ';': '\u2005', ' ': ' ', '{': '{', '}': '}',
    left: '', right: '', displaystyle: '' };
  var names = ['min', 'max', 'log', 'ln', 'exp', 'sin', 'cos', 'tanh', 'arg', 'argmax', 'argmin'];
  function tex(s) {
    var i = 0;
    function raw() { var depth = 0, out = ''; if (s[i] !== '{') return s[i++] || '';
      for (i++; i < s.length; i++) { if (s[i] === '{') depth++; else if (s[i] === '}' && depth-- === 0) { i++; break; } out += s[i]; }
      return out; }
    function arg() { while (s[i] === ' ') i++; if (s[i] === '{') { i++; return group(); } return atom(); }
    function command() {
      var m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i)); i += m[0].length; var name = m[1];
      if (name === 'frac') { var a = arg(), b = arg(); return '<span class="frac"><span>' + a + '</span><span>' + b + '</span></span>'; }
      if (name === 'text' || name === 'mathrm' || name === 'operatorname') { while (s[i] === ' ') i++; return '<span class="tx">' + esc(raw()) + '</span>'; }
      if (name === 'sqrt') return '√<span style="border-top:1px solid currentColor">' + arg() + '</span>';
      if (names.indexOf(name) >= 0) return '<span class="tx">' + name + '</span>';
      return Object.prototype.hasOwnProperty.call(symbols, name) ? symbols[name] : esc('\\' + name);
    }
    function atom() {
      var c = s[i];
      if (c === '\\') return command();
      if (/[a-zA-Z]/.test(c)) { var m = /^[a-zA-Z]+/.exec(s.slice(i)); i += m[0].length; return '<i>' + m[0] + '</i>'; }
      i++;
      return c === '-' ? '−' : c === "'" ? '′' : c === '*' ? '∗' : esc(c);
    }
    function group() {
      var out = '';
      while (i < s.length) {
        var c = s[i];
        if (c === '}') { i++; break; }
        if (c === '{') { i++; out += group(); }
        else if (c === '^' || c === '_') { i++; var t = c === '^' ? 'sup' : 'sub'; out += '<' + t + '>' + arg() + '</' + t + '>'; }
        else out += atom();
      }
      return out;
    }
    return group();
  }
  var done = false;
  window.diTypesetMath = function () {
    if (done) return;
    if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', window.diTypesetMath); return; }
    done = true;
    document.querySelectorAll('.math').forEach(function (e) {
      // Markdig keeps the TeX between \( \) (inline) or \[ \] (display).
      var source = e.textContent.trim().replace(/^\\[([]|\\[)\]]$/g, '').trim();
      try { e.innerHTML = tex(source); e.title = source; } catch (x) { /* leave the TeX as text */ }
    });
  };
  window.diTypesetMath();

  var keywords = /^(var|new|using|for|foreach|in|if|else|return|int|float|double|string|bool|true|false|null|class|public|private|static|void|readonly|const|out|ref|await|async|while|do|break|continue|switch|case|default|is|as|typeof|this|record|struct|long|byte|char|object|params|nameof|let|throw|try|catch|finally)$/;
  var token = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|(\$?@?"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)')|(^[ \t]*#[!a-z][^\n]*)|(\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[fFdDmMlL]?\b)|([A-Za-z_][A-Za-z0-9_]*)/gm;
  function colour(code) {
    return code.replace(token, function (m, com, str, dir, num, word, at) {
      // Capitalised names are types unless they follow a dot (members such as .Forward stay plain).
      var cls = com ? 'com' : str ? 'str' : dir ? 'dir' : num ? 'num' : keywords.test(word) ? 'kw'
        : /^[A-Z]/.test(word) && code[at - 1] !== '.' ? 'type' : null;
      return cls ? '\u0001' + cls + '\u0002' + m + '\u0003' : m;
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.cell.code > pre > code').forEach(function (e) {
      e.innerHTML = esc(colour(e.textContent)).replace(/\u0001(\w+)\u0002/g, '<span class="tok-$1">').replace(/\u0003/g, '</span>');
    });
  });
})();
