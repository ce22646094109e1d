import { BreakpointObserver } from '@angular/cdk/layout';
import { Component, DestroyRef, computed, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';

import { AuthState } from './account/auth-state';
import { NAV_LINKS } from './layout/nav-links';
import { SITE_NAME } from './layout/page-title.strategy';
import { SiteFooter } from './layout/site-footer';

/** Below this width the side nav becomes a drawer opened from the toolbar. */
const HANDSET_QUERY = '(max-width: 767.98px)';
/** Kept in step with the toolbar height set in styles.scss, since the nav is fixed below it. */
const TOOLBAR_HEIGHT_PX = 64;

@Component({
  selector: 'app-root',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatIconModule,
    MatButtonModule,
    MatMenuModule,
    SiteFooter,
  ],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  private readonly router = inject(Router);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  protected readonly auth = inject(AuthState);

  protected readonly siteName = SITE_NAME;
  protected readonly toolbarHeight = TOOLBAR_HEIGHT_PX;
  protected readonly navLinks = computed(() => {
    const roles = this.auth.user()?.roles ?? [];
    return NAV_LINKS.filter((link) => !link.roles || link.roles.some((role) => (roles as readonly string[]).includes(role)));
  });
  protected readonly isHandset = toSignal(
    inject(BreakpointObserver)
      .observe(HANDSET_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: matchMedia(HANDSET_QUERY).matches },
  );
  /** Only meaningful on handsets; on wider screens the nav is always shown. */
  protected readonly drawerOpen = signal(false);

  constructor() {
    void this.auth.whenKnown();
    this.moveFocusToMainOnPageChange(inject(DestroyRef));
  }

  protected toggleDrawer(): void {
    this.drawerOpen.update((open) => !open);
  }

  protected closeDrawer(): void {
    this.drawerOpen.set(false);
  }

  protected async logOut(): Promise<void> {
    await this.auth.logOut();
    void this.router.navigateByUrl('/');
  }

  private readonly currentUrl = toSignal(
    this.router.events.pipe(
      filter((event): event is NavigationEnd => event instanceof NavigationEnd),
      map((event) => event.urlAfterRedirects),
    ),
    { initialValue: '/' },
  );
  /** Where "Sign in" brings the user back to: this page, unless it is a sign-in page already. */
  protected readonly loginQueryParams = computed(() => {
    const url = this.currentUrl();
    return url === '/' || url.startsWith('/login') || url.startsWith('/signup') ? null : { returnUrl: url };
  });

  protected skipToMain(event: Event): void {
    // A plain "#main-content" href would resolve against <base href="/"> and leave the page.
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  /**
   * After a client-side navigation to another page, screen-reader and keyboard users would
   * otherwise stay on the link they used; put them at the start of the new content instead.
   * Query-only changes (refining a search) keep focus where it is.
   */
  private moveFocusToMainOnPageChange(destroyRef: DestroyRef): void {
    let previousPath: string | null = null;
    this.router.events
      .pipe(
        filter((event): event is NavigationEnd => event instanceof NavigationEnd),
        map((event) => event.urlAfterRedirects.split(/[?#]/)[0]),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((path) => {
        if (previousPath !== null && path !== previousPath) {
          this.closeDrawer();
          this.main().nativeElement.focus({ preventScroll: true });
        }
        previousPath = path;
      });
  }
}
