// The convolution explorer: sliders for input size, kernel size, padding, stride and dilation; the output size and its
// formula; the window sliding over the (padded) input grid, step by step or playing. No network, no kernel, no library.
// The shared code is defined once per page (window.DeepImagingConvExplorer); each explorer is mounted on its own root
// element by id, and keeps its own state, so several explorers on one page do not interfere.
(function (root) {
  'use strict';
  if (!root.DeepImagingConvExplorer) {
    root.DeepImagingConvExplorer = (function () {
      // conv_arithmetic's cases (Dumoulin & Visin, "A guide to convolution arithmetic for deep learning", 2016).
      var presets = [
        { name: 'No padding, unit strides', n: 4, k: 3, padding: 'valid', s: 1, d: 1 },
        { name: 'Arbitrary padding', n: 5, k: 4, padding: '2', s: 1, d: 1 },
        { name: 'Half padding (same)', n: 5, k: 3, padding: 'same', s: 1, d: 1 },
        { name: 'Full padding', n: 5, k: 3, padding: 'full', s: 1, d: 1 },
        { name: 'No padding, strides', n: 5, k: 3, padding: 'valid', s: 2, d: 1 },
        { name: 'Padding, strides', n: 5, k: 3, padding: '1', s: 2, d: 1 },
        { name: 'Padding, strides (odd)', n: 6, k: 3, padding: '1', s: 2, d: 1 },
        { name: 'Dilation', n: 7, k: 3, padding: 'valid', s: 1, d: 2 }
      ];

      function whole(x) { return typeof x === 'number' && isFinite(x) && Math.floor(x) === x; }

      // The padding before and after the input along one axis, as DeepImaging's Padding.Resolve computes it.
      function resolvePadding(padding, k, s, d) {
        var text = String(padding).trim().toLowerCase();
        if (text === 'valid') return { before: 0, after: 0 };
        if (text === 'full') return { before: d * (k - 1), after: d * (k - 1) };
        if (text === 'same') {
          if (s !== 1) return { error: "padding 'same' needs stride 1 (got stride " + s + '), because with a larger stride no padding keeps the size' };
          // An odd total puts the extra row/column after the input, as PyTorch does.
          var total = d * (k - 1);
          return { before: Math.floor(total / 2), after: total - Math.floor(total / 2) };
        }
        var p = /^-?\d+$/.test(text) ? parseInt(text, 10) : NaN;
        if (!whole(p)) return { error: "cannot read padding '" + padding + "'; use valid, same, full or a number" };
        if (p < 0) return { error: 'padding ' + p + ' is negative; padding must be 0 or more' };
        return { before: p, after: p };
      }

      // The output size along one axis: floor((n + 2p - d(k-1) - 1) / s) + 1, or an error for an impossible combination
      // (the same cases as DeepImaging.ConvArithmetic.OutputSize).
      function outputSize(n, k, padding, s, d) {
        var checks = [[n, 'input size'], [k, 'kernel size'], [s, 'stride'], [d, 'dilation']];
        for (var i = 0; i < checks.length; i++)
          if (!whole(checks[i][0]) || checks[i][0] < 1) return { error: checks[i][1] + ' must be a whole number >= 1, got ' + checks[i][0] };
        var pad = resolvePadding(padding, k, s, d);
        if (pad.error) return { error: pad.error };
        var span = d * (k - 1) + 1, padded = n + pad.before + pad.after;
        var padText = pad.before === pad.after ? '2\u00d7' + pad.before : pad.before + ' + ' + pad.after;
        var written = 'floor((' + n + ' + ' + padText + ' \u2212 ' + d + '\u00d7(' + k + '\u22121) \u2212 1) / ' + s + ') + 1';
        if (span > padded)
          return { error: 'kernel ' + k + ' (dilation ' + d + ', so it spans ' + span + ') does not fit the padded input ' + padded +
            ': use more padding, a smaller kernel or a smaller dilation', before: pad.before, after: pad.after, span: span, formula: written };
        var size = Math.floor((padded - span) / s) + 1;
        return { size: size, before: pad.before, after: pad.after, span: span, formula: written + ' = ' + size };
      }

      var SVG = 'http://www.w3.org/2000/svg';
      function element(name, attributes, parent) {
        var e = document.createElementNS(SVG, name);
        for (var key in attributes) e.setAttribute(key, attributes[key]);
        if (parent) parent.appendChild(e);
        return e;
      }

      function mount(id, initial) {
        var rootElement = document.getElementById(id);
        if (!rootElement || rootElement.getAttribute('data-mounted')) return;
        rootElement.setAttribute('data-mounted', 'true');
        function find(name) { return rootElement.querySelector('.dice-' + name); }
        var inputs = { n: find('n'), k: find('k'), p: find('p'), s: find('s'), d: find('d') };
        var mode = find('mode'), svg = find('svg'), size = find('size'), formula = find('formula'),
          position = find('position'), play = find('play'), presetBox = find('presets');
        var state = { step: 0, timer: null };
        find('fallback').style.display = 'none';
        find('ui').style.display = '';

        function settings() {
          var m = mode.value;
          return { n: +inputs.n.value, k: +inputs.k.value, padding: m === 'number' ? inputs.p.value : m, s: +inputs.s.value, d: +inputs.d.value };
        }

        function set(values) {
          inputs.n.value = values.n; inputs.k.value = values.k; inputs.s.value = values.s; inputs.d.value = values.d;
          var numeric = /^\d+$/.test(String(values.padding));
          mode.value = numeric ? 'number' : values.padding;
          if (numeric) inputs.p.value = values.padding;
          state.step = 0;
          draw();
        }

        function stop() {
          if (state.timer) clearInterval(state.timer);
          state.timer = null;
          play.textContent = '\u25b6 play';
        }

        function draw() {
          var c = settings(), result = outputSize(c.n, c.k, c.padding, c.s, c.d);
          ['n', 'k', 's', 'd'].forEach(function (key) { find(key + '-value').textContent = inputs[key].value; });
          inputs.p.disabled = mode.value !== 'number';
          var before = result.before || 0, after = result.after || 0;
          find('p-value').textContent = mode.value === 'number' ? inputs.p.value : before === after ? before : before + ' + ' + after;
          while (svg.firstChild) svg.removeChild(svg.firstChild);
          if (result.error) {
            size.textContent = 'No output';
            formula.textContent = (result.formula ? result.formula + ': ' : '') + result.error + '.';
            position.textContent = '';
            rootElement.classList.add('dice-impossible');
          } else {
            size.textContent = 'Output ' + result.size + ' \u00d7 ' + result.size;
            formula.textContent = 'output = floor((n + 2p \u2212 d(k\u22121) \u2212 1) / s) + 1 = ' + result.formula;
            rootElement.classList.remove('dice-impossible');
          }
          var total = result.error ? 0 : result.size * result.size;
          if (state.step >= total) state.step = 0;
          var padded = c.n + before + after;
          // Cells shrink as the grids grow, so both fit in about 640 x 360 pixels.
          var cell = Math.max(10, Math.min(34, Math.floor(360 / Math.max(padded, 1)), Math.floor(640 / (padded + (result.size || 0) + 3))));
          var gap = 2 * cell, outLeft = padded * cell + gap;
          svg.setAttribute('width', outLeft + (result.size || 0) * cell + 4);
          svg.setAttribute('height', Math.max(padded, result.size || 0) * cell + 24);
          var row = total ? Math.floor(state.step / result.size) : 0, column = total ? state.step % result.size : 0;
          var covered = {};
          if (total)
            for (var i = 0; i < c.k; i++)
              for (var j = 0; j < c.k; j++)
                covered[(row * c.s + i * c.d) + ',' + (column * c.s + j * c.d)] = true;
          for (var y = 0; y < padded; y++)
            for (var x = 0; x < padded; x++) {
              var inside = y >= before && y < before + c.n && x >= before && x < before + c.n;
              var kind = covered[y + ',' + x] ? (inside ? 'dice-hit' : 'dice-hit dice-pad') : inside ? 'dice-in' : 'dice-pad';
              element('rect', { x: x * cell + 1, y: y * cell + 1, width: cell - 2, height: cell - 2, rx: 2, 'class': kind }, svg);
            }
          if (total) {
            var spanCells = result.span;
            element('rect', { x: column * c.s * cell, y: row * c.s * cell, width: spanCells * cell, height: spanCells * cell, 'class': 'dice-window' }, svg);
            for (var oy = 0; oy < result.size; oy++)
              for (var ox = 0; ox < result.size; ox++) {
                var index = oy * result.size + ox;
                element('rect', { x: outLeft + ox * cell + 1, y: oy * cell + 1, width: cell - 2, height: cell - 2, rx: 2,
                  'class': index === state.step ? 'dice-now' : index < state.step ? 'dice-done' : 'dice-out' }, svg);
              }
            var label = element('text', { x: outLeft, y: result.size * cell + 16, 'class': 'dice-label' }, svg);
            label.textContent = 'output ' + result.size + '\u00d7' + result.size;
            position.textContent = 'step ' + (state.step + 1) + ' of ' + total + ': output[' + row + ', ' + column + '] from input rows ' +
              (row * c.s - before) + '..' + (row * c.s - before + result.span - 1) + ', columns ' + (column * c.s - before) + '..' + (column * c.s - before + result.span - 1) +
              ' (negative or \u2265 ' + c.n + ': padding)';
          }
          var inLabel = element('text', { x: 0, y: padded * cell + 16, 'class': 'dice-label' }, svg);
          inLabel.textContent = 'input ' + c.n + '\u00d7' + c.n + (padded > c.n ? ' padded to ' + padded + '\u00d7' + padded : '');
          state.total = total;
        }

        function advance(by) {
          if (!state.total) return;
          state.step = (state.step + by + state.total) % state.total;
          draw();
        }

        presets.forEach(function (preset) {
          var button = document.createElement('button');
          button.type = 'button';
          button.textContent = preset.name;
          button.addEventListener('click', function () { stop(); set(preset); });
          presetBox.appendChild(button);
        });
        Object.keys(inputs).forEach(function (key) { inputs[key].addEventListener('input', function () { state.step = 0; draw(); }); });
        mode.addEventListener('change', function () { state.step = 0; draw(); });
        find('back').addEventListener('click', function () { stop(); advance(-1); });
        find('next').addEventListener('click', function () { stop(); advance(1); });
        play.addEventListener('click', function () {
          if (state.timer) { stop(); return; }
          play.textContent = '\u275a\u275a pause';
          state.timer = setInterval(function () {
            // Stop when the explorer has left the page (a notebook output cleared or re-run).
            if (!document.body.contains(rootElement)) { stop(); return; }
            advance(1);
          }, 700);
        });
        set(initial);
      }

      return { version: 1, presets: presets, resolvePadding: resolvePadding, outputSize: outputSize, mount: mount };
    })();
  }
  if (typeof document !== 'undefined') root.DeepImagingConvExplorer.mount('__ID__', __SETTINGS__);
})(typeof window !== 'undefined' ? window : globalThis);
