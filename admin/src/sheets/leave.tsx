// Leaving a sheet with unsaved edits asks first — by the app's menu and links (a PUSH: React Router's blocker) and by
// the browser's Back button (a POP). React Router blocks a POP only by going back where it came from, which it cannot
// do for a history entry it did not make (a typed or pasted #/sheets/… address, a bookmark): it warns and lets the
// page go. So the blocker here lets every POP through, and while a sheet is dirty a guard entry of the same address
// lies on top of the sheet's own: Back lands on the sheet's own entry (same address, the sheet stays) and the sheet
// asks. Staying puts the guard back; leaving goes back once more; saving or discarding takes the guard away again.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useBlocker, useTranslate } from 'react-admin';

const GUARD = 'rxSheetGuard';
type HistoryState = Record<string, unknown> | null;
const state = () => window.history.state as HistoryState;
const onGuard = () => !!state()?.[GUARD];

/** Whether a guard entry should lie on top (a dirty sheet is open). */
let wanted = false;
/** Our own Back (taking the guard away) is under way. */
let dropping = false;
let dropTimer: ReturnType<typeof setTimeout> | undefined;
/** The dirty sheet's address and what it does when Back lands on it from the guard. */
let guarded: { href: string; onBack: () => void } | null = null;
let installed = false;

/** Puts the history in the state wanted: a guard on top while dirty, none otherwise. */
function sync() {
  if (dropping) return;
  if (wanted && !onGuard()) {
    window.history.pushState({ ...state(), [GUARD]: true }, '', window.location.href);
  } else if (!wanted && onGuard()) {
    dropping = true;
    window.history.back();
    // A Back that never comes must not leave the next one taken for ours.
    dropTimer = setTimeout(() => { dropping = false; }, 1500);
  }
}

// React Router hears the same popstate first (a Back onto the sheet's own entry: the same address, nothing changes).
function onPopState() {
  if (dropping) {
    dropping = false;
    clearTimeout(dropTimer);
    sync();
    return;
  }
  if (guarded && !onGuard() && window.location.href === guarded.href) guarded.onBack();
}

function install() {
  if (installed) return;
  installed = true;
  window.addEventListener('popstate', onPopState);
}

/**
 * Asks before leaving a sheet with unsaved edits: render it while the sheet is dirty (a blocker registered while
 * the sheet is clean would only make React Router warn on a Back to an entry it did not make). Reload and closing the
 * tab are the browser's own question (beforeunload).
 */
export function LeaveGuard() {
  const translate = useTranslate();
  const leaving = useRef(false);
  const [askBack, setAskBack] = useState(false);
  // Links and the menu; a POP is the guard's.
  const blocker = useBlocker(useCallback(({ historyAction }: { historyAction: string }) => historyAction !== 'POP' && !leaving.current, []));

  useEffect(() => {
    install();
    leaving.current = false;
    // An entry the router did not make (an address typed in) gets the index the router gives the entries it makes, or
    // it warns on the next Back that its blockers cannot tell where that goes.
    if (state()?.idx == null) window.history.replaceState({ ...state(), idx: 0 }, '');
    wanted = true;
    guarded = { href: window.location.href, onBack: () => setAskBack(true) };
    sync();
    return () => {
      guarded = null;
      wanted = false;
      // Saved or discarded (still here): the guard goes. Gone elsewhere: a sheet opened on it later takes it away.
      if (!leaving.current) sync();
    };
  }, []);

  const stay = () => {
    if (askBack) {
      setAskBack(false);
      sync(); // the guard again, for the next Back
    } else blocker.reset?.();
  };
  const leave = () => {
    leaving.current = true;
    guarded = null;
    if (askBack) {
      setAskBack(false);
      window.history.back(); // the Back the clerk asked for, now past the sheet's own entry
    } else blocker.proceed?.();
  };

  return (
    <Dialog open={askBack || blocker.state === 'blocked'} onClose={stay} data-testid="sheet-leave-ask">
      <DialogTitle>{translate('sheets.leave.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{translate('sheets.leave.body')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={stay} variant="contained" autoFocus data-testid="sheet-leave-stay">{translate('sheets.leave.stay')}</Button>
        <Button onClick={leave} color="warning" data-testid="sheet-leave-go">{translate('sheets.leave.go')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * A sheet opened on a guard entry (Back from the page a link led to, or a reload while dirty): the entry below holds
 * the same address; the guard goes, so that the next Back leaves the sheet at once.
 */
export function dropStaleGuard() {
  install();
  if (!wanted) sync();
}
