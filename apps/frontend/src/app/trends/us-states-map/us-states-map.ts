import { Component, computed, input, output } from '@angular/core';
import { geoAlbersUsa, geoPath } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Bundled with the app (no CDN, no request at run time): us-atlas's 1:10m state outlines.
import statesTopology from 'us-atlas/states-10m.json';

import { STATE_BY_FIPS } from './us-states';

/** One state's figure; `value` null means no figure (no postings, or too few to say). */
export interface StateValue {
  /** Postal code, as the postings' `location.region`: "NY". */
  readonly state: string;
  readonly value: number | null;
  /** Under the minimum the figure is shown as too small rather than as a color. */
  readonly tooSmall?: boolean;
}

const WIDTH = 975;
const HEIGHT = 610;
/** Sequential blues for counts; diverging for growth (decline red, growth blue). */
const SEQUENTIAL = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
const DIVERGING = ['#b2182b', '#ef8a62', '#f7f7f7', '#67a9cf', '#2166ac'];
const NO_DATA = '#e0e0e0';
const TOO_SMALL = 'url(#too-small-hatch)';

type StateFeature = Feature<Geometry, { name: string }>;

const topology = statesTopology as unknown as Topology<{ states: GeometryCollection<{ name: string }> }>;
const projection = geoAlbersUsa().fitSize([WIDTH, HEIGHT], feature(topology, topology.objects.states));
const toPath = geoPath(projection);
/** Projected once per page load: the outlines never change, only their fill. */
const STATE_SHAPES = (feature(topology, topology.objects.states).features as StateFeature[])
  .map((shape) => {
    const state = STATE_BY_FIPS[String(shape.id)];
    const d = toPath(shape);
    return state && d ? { code: state.code, name: state.name, d } : null;
  })
  .filter((shape) => shape !== null);
const BORDERS = toPath(mesh(topology, topology.objects.states, (a, b) => a !== b)) ?? '';

/** Fill for a value: five equal steps between the extremes (diverging ones centred on 0). */
function colorScale(values: readonly number[], diverging: boolean): (value: number) => string {
  const colors = diverging ? DIVERGING : SEQUENTIAL;
  if (!values.length) return () => NO_DATA;
  if (diverging) {
    const extent = Math.max(...values.map(Math.abs)) || 1;
    return (value) => colors[Math.min(4, Math.max(0, Math.floor(((value / extent + 1) / 2) * 5)))];
  }
  const max = Math.max(...values) || 1;
  return (value) => colors[Math.min(4, Math.floor((value / max) * 5))];
}

/**
 * A choropleth of the US states (d3-geo's Albers USA projection over us-atlas, drawn by Angular
 * as plain SVG paths). The drawing is for pointer users and sighted readers; the page gives the
 * same figures as a table with its own controls, so the SVG itself is hidden from assistive
 * technology and its clicks are a shortcut.
 */
@Component({
  selector: 'app-us-states-map',
  template: `
    <svg
      class="us-map"
      [attr.viewBox]="'0 0 ' + width + ' ' + height"
      preserveAspectRatio="xMidYMid meet"
      aria-hidden="true"
      focusable="false"
    >
      <defs>
        <pattern id="too-small-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="#f5f5f5" />
          <line x1="0" y1="0" x2="0" y2="8" stroke="#9e9e9e" stroke-width="3" />
        </pattern>
      </defs>
      @for (shape of shapes(); track shape.code) {
        <path
          class="state"
          [class.selected]="shape.selected"
          [class.clickable]="clickable()"
          [attr.d]="shape.d"
          [attr.fill]="shape.fill"
          [attr.data-state]="shape.code"
          (click)="chooseState(shape.code)"
        >
          <title>{{ shape.title }}</title>
        </path>
      }
      <path class="borders" [attr.d]="borders" />
    </svg>
    <ul class="legend" aria-hidden="true">
      @for (step of legend(); track step.color) {
        <li><span class="swatch" [style.background]="step.color"></span>{{ step.label }}</li>
      }
      <li><span class="swatch too-small"></span>Too few postings</li>
      <li><span class="swatch" [style.background]="noData"></span>No postings</li>
    </ul>
  `,
  styles: `
    :host {
      display: block;
    }
    .us-map {
      width: 100%;
      height: auto;
      display: block;
    }
    .state {
      stroke: none;
    }
    .state.clickable {
      cursor: pointer;
    }
    .state.clickable:hover {
      opacity: 0.8;
    }
    .state.selected {
      stroke: #212121;
      stroke-width: 2.5;
    }
    .borders {
      fill: none;
      stroke: #fff;
      stroke-width: 0.75;
      stroke-linejoin: round;
      pointer-events: none;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      list-style: none;
      margin: 0.5rem 0 0;
      padding: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .legend li {
      display: flex;
      align-items: center;
      gap: 0.35rem;
    }
    .swatch {
      display: inline-block;
      width: 1rem;
      height: 0.75rem;
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .swatch.too-small {
      background: repeating-linear-gradient(45deg, #f5f5f5 0 3px, #9e9e9e 3px 5px);
    }
  `,
})
export class UsStatesMap {
  readonly values = input.required<readonly StateValue[]>();
  /** Growth rates are centred on zero (a diverging scale); counts start at zero. */
  readonly diverging = input(false);
  /** How a value reads in a tooltip and the legend: "1,204 postings", "+12%". */
  readonly format = input<(value: number) => string>((value) => value.toLocaleString('en-US'));
  readonly selected = input<readonly string[]>([]);
  readonly clickable = input(true);
  readonly stateChosen = output<string>();

  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly borders = BORDERS;
  protected readonly noData = NO_DATA;

  private readonly scale = computed(() => {
    const figures = this.values()
      .filter((v) => v.value !== null && !v.tooSmall)
      .map((v) => v.value as number);
    return { figures, color: colorScale(figures, this.diverging()) };
  });

  protected readonly shapes = computed(() => {
    const byState = new Map(this.values().map((v) => [v.state.toUpperCase(), v]));
    const selected = new Set(this.selected().map((s) => s.toUpperCase()));
    const { color } = this.scale();
    const format = this.format();
    return STATE_SHAPES.map((shape) => {
      const figure = byState.get(shape.code);
      const fill = !figure ? NO_DATA : figure.tooSmall ? TOO_SMALL : figure.value === null ? NO_DATA : color(figure.value);
      const text = !figure
        ? 'no postings'
        : figure.tooSmall
          ? 'too few postings to say'
          : figure.value === null
            ? 'no figure'
            : format(figure.value);
      return { ...shape, fill, title: `${shape.name}: ${text}`, selected: selected.has(shape.code) };
    });
  });

  /** The five color steps with the values where each begins. */
  protected readonly legend = computed(() => {
    const { figures } = this.scale();
    if (!figures.length) return [];
    const format = this.format();
    if (this.diverging()) {
      const extent = Math.max(...figures.map(Math.abs)) || 1;
      return DIVERGING.map((color, index) => ({ color, label: `from ${format(-extent + (index * 2 * extent) / 5)}` }));
    }
    const max = Math.max(...figures) || 1;
    return SEQUENTIAL.map((color, index) => ({ color, label: `from ${format(Math.round((index * max) / 5))}` }));
  });

  protected chooseState(code: string): void {
    if (this.clickable()) this.stateChosen.emit(code);
  }
}
