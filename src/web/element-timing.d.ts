// Element Timing (https://wicg.github.io/element-timing/): the browser reports when an
// element marked `elementtiming` is first painted. React passes the attribute through;
// its types just do not name it yet.
import 'react';

declare module 'react' {
  interface HTMLAttributes<T> {
    elementtiming?: string;
  }
}
