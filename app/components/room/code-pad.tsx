import { useEffect, useRef, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import type { PadSetup } from "~/modules/sessions/pad-setup";
import { DOC_ROOTS } from "~/modules/sessions/shared-doc";
import { isPadLanguage, languageExtension, PAD_LANGUAGES, type PadLanguage } from "./pad-languages";

/** What the room can ask of the pad once it is up. */
export interface PadApi {
  insertAtTop: (text: string) => void;
  /** Tells the other people in this pad that the room changed (roles, status). */
  announceRoomChange: () => void;
  /**
   * The session's shared document and presence, for the other tools of the room (the
   * board, code runs): one document, one connection (shared-doc.ts says what is where).
   */
  doc: Y.Doc;
  awareness: Awareness;
}

/** The message the room sends through the pad's connection; the server relays it. */
const ROOM_CHANGED = JSON.stringify({ type: "room:changed" });

function isRoomChanged(payload: string): boolean {
  try {
    return (JSON.parse(payload) as { type?: unknown }).type === "room:changed";
  } catch {
    return false;
  }
}

export type PadStatus = "connecting" | "connected" | "reconnecting" | "offline" | "denied";

const STATUS_LABELS: Record<PadStatus, string> = {
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  offline: "Offline: your edits are kept and sent when the connection is back",
  denied: "The pad refused this connection. Reload the page.",
};

interface Peer {
  clientId: number;
  name: string;
  color: string;
}

/**
 * The shared code pad: CodeMirror bound to a Yjs text through the realtime server.
 * Everything heavy loads in the browser only, when the room opens. A round that is not
 * about code opens in plain text with the round's notes template.
 */
export function CodePad({
  sessionId,
  readOnly,
  me,
  setup,
  initialText,
  onReady,
  onRoomChanged,
  onStatus,
}: {
  sessionId: string;
  readOnly: boolean;
  me: { name: string; color: string };
  setup: PadSetup;
  initialText?: string;
  onReady?: (api: PadApi) => void;
  /** The peer announced a change of the room: reload its data. */
  onRoomChanged?: () => void;
  /** The shared connection's state, for the room's other tools (the board says it too). */
  onStatus?: (status: PadStatus) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<PadStatus>("connecting");
  const statusListener = useRef(onStatus);
  statusListener.current = onStatus;
  useEffect(() => statusListener.current?.(status), [status]);
  const [loaded, setLoaded] = useState(false);
  const [peers, setPeers] = useState<Peer[]>([]);
  const [language, setLanguage] = useState<PadLanguage>(setup.language);
  const setLanguageRef = useRef<(language: PadLanguage) => void>(() => {});
  const roomChanged = useRef(onRoomChanged);
  roomChanged.current = onRoomChanged;
  const { language: defaultLanguage, template } = setup;

  useEffect(() => {
    let disposed = false;
    let teardown = () => {};
    (async () => {
      const [
        Y,
        { HocuspocusProvider },
        { EditorState, Compartment },
        view_,
        language_,
        commands,
        autocomplete,
        { yCollab },
        { seedPad },
      ] = await Promise.all([
        import("yjs"),
        import("@hocuspocus/provider"),
        import("@codemirror/state"),
        import("@codemirror/view"),
        import("@codemirror/language"),
        import("@codemirror/commands"),
        import("@codemirror/autocomplete"),
        import("y-codemirror.next"),
        import("~/modules/sessions/pad-seed"),
      ]);
      const { EditorView } = view_;
      // CodeMirror's basic setup minus its own history: undo must go through the Yjs
      // UndoManager, which tracks this person's edits only, never the peer's.
      const editorSetup = [
        view_.lineNumbers(),
        view_.highlightActiveLineGutter(),
        view_.highlightSpecialChars(),
        view_.drawSelection(),
        EditorState.allowMultipleSelections.of(true),
        language_.indentOnInput(),
        language_.syntaxHighlighting(language_.defaultHighlightStyle, { fallback: true }),
        language_.bracketMatching(),
        autocomplete.closeBrackets(),
        view_.highlightActiveLine(),
        view_.keymap.of([...autocomplete.closeBracketsKeymap, ...commands.defaultKeymap]),
      ];
      if (disposed || !host.current) return;
      const doc = new Y.Doc();
      const text = doc.getText(DOC_ROOTS.code);
      const meta = doc.getMap<string>(DOC_ROOTS.meta);
      const scheme = window.location.protocol === "https:" ? "wss" : "ws";
      let everConnected = false;
      const provider = new HocuspocusProvider({
        url: `${scheme}://${window.location.host}/realtime`,
        name: `session:${sessionId}`,
        document: doc,
        // A fresh token for every (re)connect: they live ten minutes.
        token: async () => {
          const response = await fetch(`/sessions/${sessionId}/pad-token`, {
            credentials: "same-origin",
          });
          if (!response.ok) throw new Error(`pad token: ${response.status}`);
          return ((await response.json()) as { token: string }).token;
        },
        onStatus: ({ status: next }) => {
          // Back after a drop: whatever the peer announced meanwhile was missed.
          if (next === "connected" && everConnected) roomChanged.current?.();
          if (next === "connected") everConnected = true;
          setStatus((current) =>
            current === "denied"
              ? current
              : next === "connected"
                ? "connected"
                : next === "connecting"
                  ? everConnected
                    ? "reconnecting"
                    : "connecting"
                  : "offline",
          );
        },
        onAuthenticationFailed: () => setStatus("denied"),
        onStateless: ({ payload }) => {
          if (isRoomChanged(payload)) roomChanged.current?.();
        },
        // The template goes into a pad nobody has touched, once the server's copy is in.
        onSynced: ({ state }) => {
          if (state && !readOnly) seedPad(doc, { language: defaultLanguage, template });
        },
      });
      const awareness = provider.awareness!;
      awareness.setLocalStateField("user", {
        name: me.name,
        color: me.color,
        colorLight: `${me.color}33`,
      });
      const readPeers = () => {
        const list: Peer[] = [];
        awareness.getStates().forEach((state, clientId) => {
          const user = (state as { user?: { name?: string; color?: string } }).user;
          if (clientId !== doc.clientID && user?.name) {
            list.push({ clientId, name: user.name, color: user.color ?? "#555" });
          }
        });
        setPeers(list);
      };
      awareness.on("change", readPeers);

      // Undo covers this person's own edits only (the UndoManager tracks local changes).
      const undoManager = new Y.UndoManager(text);
      const languageSlot = new Compartment();
      const view = new EditorView({
        parent: host.current,
        state: EditorState.create({
          doc: text.toString(),
          extensions: [
            editorSetup,
            languageSlot.of(await languageExtension(defaultLanguage)),
            yCollab(text, awareness, { undoManager }),
            EditorState.readOnly.of(readOnly),
            EditorView.editable.of(!readOnly),
            EditorView.contentAttributes.of({ "aria-label": "Shared code pad" }),
            // Notes are prose: long lines wrap instead of running off the side.
            defaultLanguage === "text" ? EditorView.lineWrapping : [],
            // The peer's name rides on their cursor all the time, not only on hover.
            EditorView.theme({
              ".cm-ySelectionInfo": {
                opacity: 1,
                transitionDelay: "0s",
                fontFamily: "system-ui, sans-serif",
                fontSize: "0.75rem",
                padding: "0 4px",
                borderRadius: "3px",
              },
              ".cm-content": { paddingTop: "1.2em" },
            }),
          ],
        }),
      });
      const applyLanguage = async () => {
        const chosen = meta.get("language");
        const next: PadLanguage = isPadLanguage(chosen) ? chosen : defaultLanguage;
        setLanguage(next);
        view.dispatch({ effects: languageSlot.reconfigure(await languageExtension(next)) });
      };
      meta.observe(() => void applyLanguage());
      void applyLanguage();
      setLanguageRef.current = (next) => {
        if (!readOnly) meta.set("language", next);
      };
      setLoaded(true);
      onReady?.({
        insertAtTop: (snippet) => {
          if (!readOnly) text.insert(0, snippet);
        },
        announceRoomChange: () => provider.sendStateless(ROOM_CHANGED),
        doc,
        awareness,
      });
      teardown = () => {
        awareness.off("change", readPeers);
        view.destroy();
        provider.destroy();
        doc.destroy();
      };
    })().catch((err: unknown) => {
      console.error(err);
      setStatus("offline");
    });
    return () => {
      disposed = true;
      teardown();
    };
  }, [sessionId, readOnly, me.name, me.color, onReady, defaultLanguage, template]);

  return (
    <section className="pad" aria-labelledby="pad-heading">
      <header className="pad__bar">
        <h2 id="pad-heading">Code pad</h2>
        <label className="pad__language">
          <span className="visually-hidden">Language</span>
          <select
            value={language}
            disabled={readOnly}
            onChange={(e) => setLanguageRef.current(e.target.value as PadLanguage)}
            aria-label="Language"
          >
            {PAD_LANGUAGES.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <span className={`pad__status pad__status--${status}`} role="status" aria-live="polite">
          {STATUS_LABELS[status]}
        </span>
        <ul className="pad__presence" aria-label="In the pad">
          <li>
            <span className="dot" style={{ background: me.color }} /> {me.name} (you)
          </li>
          {peers.map((p) => (
            <li key={p.clientId}>
              <span className="dot" style={{ background: p.color }} /> {p.name}
            </li>
          ))}
        </ul>
      </header>
      {readOnly ? <p className="hint">The session has ended: the pad is read-only.</p> : null}
      <div ref={host} className="pad__editor" data-testid="code-pad" aria-busy={!loaded}>
        {initialText !== undefined ? <pre className="pad__snapshot">{initialText}</pre> : null}
        {!loaded && initialText === undefined ? (
          <p className="hint pad__loading">Loading the pad…</p>
        ) : null}
      </div>
    </section>
  );
}
