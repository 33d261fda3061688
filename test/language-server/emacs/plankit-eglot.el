;;; plankit-eglot.el --- Emacs with eglot as an independent client of the Plankit language server  -*- lexical-binding: t -*-

;; Run by test/language-server/emacs.test.ts:
;;
;;   emacs --batch -l test/language-server/emacs/plankit-eglot.el
;;
;; (not -Q: Debian's site-start puts the elpa-eglot and elpa-yaml-mode packages on the load path)
;; with these environment variables:
;;   PLANKIT_NODE       the node binary
;;   PLANKIT_SERVER     language-server/dist/server.js
;;   PLANKIT_WORKSPACE  the project folder
;;   PLANKIT_PLAN       the plan file to open (inside the project folder)
;;   PLANKIT_AS_OF      the as-of date, given as the plankit.asOf setting through
;;                      eglot-workspace-configuration
;;   PLANKIT_LEAD       the lead value to complete at (the first `lead: <value>' line with it)
;;   PLANKIT_TYPED      what to type in place of that value
;;   PLANKIT_OUT        where to write what the editor saw (JSON)
;;
;; The set-up is the one docs/language-server.md gives for Emacs 28 (Debian 12), with the server
;; started as `node server.js --stdio' rather than from PATH. Beyond it, the script uses a few of
;; eglot 1.9's internals (eglot--managed-mode, eglot--versioned-identifier, eglot--signal-...) to
;; wait for the editor and to see what it sent. Everything the test asserts on is
;; written to PLANKIT_OUT; on any failure the script writes (:error MESSAGE) and exits with 1.

(require 'json)

(defvar plankit-test-timeout 30 "Seconds to wait for the server at each step.")

(defvar plankit-test-result nil "A plist of what the editor saw, written as JSON at the end.")

(defun plankit-test--env (name)
  (or (getenv name) (error "%s is not set" name)))

(defun plankit-test--put (key value)
  (setq plankit-test-result (plist-put plankit-test-result key value)))

(defun plankit-test--wait (what predicate)
  "Let the server talk until PREDICATE is true; fail with WHAT after the timeout."
  (let ((deadline (+ (float-time) plankit-test-timeout)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline) (error "Timed out waiting for %s" what))
      (accept-process-output nil 0.05))))

(defun plankit-test--write ()
  (with-temp-file (plankit-test--env "PLANKIT_OUT")
    (insert (json-serialize plankit-test-result :null-object :null :false-object :false))))

(defvar plankit-test-published nil "Each publishDiagnostics for the plan, newest first: (VERSION . DIAGNOSTICS).")
(defvar plankit-test-configuration-requests 0)

(defun plankit-test--flymake ()
  "The buffer's Flymake diagnostics as the officer sees them: buffer positions, type, text."
  (vconcat
   (mapcar (lambda (diagnostic)
             (list :beg (flymake-diagnostic-beg diagnostic)
                   :end (flymake-diagnostic-end diagnostic)
                   :type (symbol-name (flymake-diagnostic-type diagnostic))
                   :text (flymake-diagnostic-text diagnostic)))
           (sort (flymake-diagnostics)
                 (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))

(defun plankit-test--diagnostics-for (version)
  "Waits for a publish for VERSION of the plan; returns its diagnostics (a vector)."
  (plankit-test--wait (format "diagnostics for version %s" version)
                      (lambda () (assoc version plankit-test-published)))
  (cdr (assoc version plankit-test-published)))

(defun plankit-test--seen (what)
  "Waits for the server's findings on the buffer's current version, and for Flymake to show them
(WHAT names the moment in a time-out). Returns (:version V :diagnostics D :flymake F)."
  (let* ((version eglot--versioned-identifier)
         (diagnostics (plankit-test--diagnostics-for version)))
    (flymake-start)
    (plankit-test--wait (format "Flymake to show the findings %s" what)
                        (lambda () (= (length (flymake-diagnostics)) (length diagnostics))))
    (list :version version :diagnostics diagnostics :flymake (plankit-test--flymake))))

(defun plankit-test--capf ()
  "What M-x completion-at-point gets from eglot here: (START END TABLE . PROPS) and the candidates,
matched with the completion styles in force (eglot's own: flex, then basic) and sorted as the
table asks."
  (let* ((capf (eglot-completion-at-point))
         (start (nth 0 capf))
         (end (nth 1 capf))
         (table (nth 2 capf))
         (typed (buffer-substring-no-properties start end))
         (all (completion-all-completions typed table nil (length typed)))
         (last (last all)))
    (when (consp last) (setcdr last nil)) ; the base size at the end of the list
    (let ((sort (completion-metadata-get (completion-metadata typed table nil) 'display-sort-function)))
      (list capf typed (if sort (funcall sort all) all)))))

(defun plankit-test--complete ()
  "Completion at point: what was matched, each candidate with its annotation (the agency's name)."
  (pcase-let* ((`(,capf ,typed ,candidates) (plankit-test--capf))
               (annotate (plist-get (nthcdr 3 capf) :annotation-function)))
    (list :typed typed
          :items (vconcat (mapcar (lambda (candidate)
                                    (list :label (substring-no-properties candidate)
                                          :annotation (string-trim (or (and annotate (funcall annotate candidate)) ""))))
                                  candidates)))))

(defun plankit-test--accept-first ()
  "Takes the first candidate as completion-in-region does: inserts it over the matched text, then
runs eglot's exit function (which applies the server's textEdit). Returns the line afterwards."
  (pcase-let* ((`(,capf ,_typed ,candidates) (plankit-test--capf))
               (exit (plist-get (nthcdr 3 capf) :exit-function))
               (choice (car candidates)))
    (unless choice (error "No completion to accept"))
    (completion--replace (nth 0 capf) (nth 1 capf) choice)
    (when exit (funcall exit choice 'finished))
    (list :chosen (substring-no-properties choice)
          :line (buffer-substring-no-properties (line-beginning-position) (line-end-position)))))

(defun plankit-test-main ()
  (let ((node (plankit-test--env "PLANKIT_NODE"))
        (server (plankit-test--env "PLANKIT_SERVER"))
        (workspace (file-name-as-directory (plankit-test--env "PLANKIT_WORKSPACE")))
        (plan (plankit-test--env "PLANKIT_PLAN"))
        (as-of (plankit-test--env "PLANKIT_AS_OF"))
        (lead (plankit-test--env "PLANKIT_LEAD"))
        (typed (plankit-test--env "PLANKIT_TYPED"))
        (uri nil))

    ;; --- The set-up from docs/language-server.md (Emacs 28 with Debian's elpa-eglot and elpa-yaml-mode).
    (require 'eglot)
    (require 'yaml-mode)
    (define-derived-mode plankit-mode yaml-mode "Plankit")
    (add-to-list 'auto-mode-alist '("\\.\\(plan\\|agencies\\)\\.ya?ml\\'" . plankit-mode))
    (add-to-list 'eglot-server-programs `(plankit-mode . (,node ,server "--stdio")))
    (setq-default eglot-workspace-configuration `(:plankit (:asOf ,as-of)))
    (add-hook 'plankit-mode-hook #'eglot-ensure)
    ;; --- End of the set-up.
    (setq uri (eglot--path-to-uri plan))

    (plankit-test--put :eglotVersion
                       (with-temp-buffer
                         (insert-file-contents (find-library-name "eglot"))
                         (if (re-search-forward "^;; Version: \\(.*\\)$" nil t) (match-string 1) "")))
    ;; The project is the workspace folder (no version control there).
    (add-hook 'project-find-functions (lambda (_dir) (cons 'transient workspace)))
    ;; What the server sends, as it sends it, alongside eglot's own handling.
    (advice-add 'eglot-handle-notification :before
                (lambda (_server method &rest params)
                  (when (eq method 'textDocument/publishDiagnostics)
                    (when (equal (plist-get params :uri) uri)
                      (push (cons (plist-get params :version) (plist-get params :diagnostics)) plankit-test-published)))))
    (advice-add 'eglot-handle-request :before
                (lambda (_server method &rest _params)
                  (when (eq method 'workspace/configuration) (cl-incf plankit-test-configuration-requests))))

    (find-file plan)
    (plankit-test--put :majorMode (symbol-name major-mode))
    ;; eglot-ensure connects after the command that opened the file: run what the command loop would.
    (run-hooks 'post-command-hook)
    (plankit-test--wait "eglot to manage the plan" (lambda () (bound-and-true-p eglot--managed-mode)))
    (plankit-test--put :uri uri)

    ;; Opened: the server's findings for eglot's first version, then Flymake's.
    (plankit-test--put :opened (plankit-test--seen "on opening"))
    (plankit-test--put :configurationRequests plankit-test-configuration-requests)

    ;; Completion at the end of a lead value.
    (goto-char (point-min))
    (search-forward (concat "lead: " lead))
    (let ((value-start (- (point) (length lead))))
      (plankit-test--put :lead (list :line (1- (line-number-at-pos value-start))
                                     :column (save-excursion (goto-char value-start) (current-column))))
      (plankit-test--put :completionAtValue (plankit-test--complete))

      ;; Type over the value, as an officer would; eglot sends the change (its own incremental didChange).
      (delete-region value-start (point))
      (goto-char value-start)
      (insert typed)
      ;; eglot sends a change from an idle timer, and a batch Emacs is never idle: send it now.
      (eglot--signal-textDocument/didChange)
      (plankit-test--put :edited (append (plankit-test--seen "after the edit")
                                         (list :text (buffer-substring-no-properties (point-min) (point-max)))))
      (plankit-test--put :completionAfterTyping (plankit-test--complete))
      (let ((accepted (plankit-test--accept-first)))
        (eglot--signal-textDocument/didChange)
        (plankit-test--put :accepted (append accepted (plankit-test--seen "after the completion")))))

    ;; Hover on the same line, through eglot's own request.
    (let ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover (eglot--TextDocumentPositionParams))))
      (plankit-test--put :hover (let ((contents (plist-get hover :contents)))
                                  (if (stringp contents) contents (plist-get contents :value)))))

    ;; Shut the server down: shutdown, then exit, and see it go by itself. (M-x eglot-shutdown
    ;; sends the same two messages, but eglot 1.9 then kills the process without waiting for it.)
    (let* ((server-object (eglot--current-server-or-lose))
           (process (jsonrpc--process server-object)))
      (plankit-test--put :shutdown (or (jsonrpc-request server-object :shutdown nil) :null))
      (jsonrpc-notify server-object :exit nil)
      (plankit-test--wait "the server to exit" (lambda () (not (process-live-p process))))
      (plankit-test--put :exit (list :status (symbol-name (process-status process)) :code (process-exit-status process))))))

(condition-case failure
    (progn
      (plankit-test-main)
      (plankit-test--write)
      (kill-emacs 0))
  (error
   (plankit-test--put :error (error-message-string failure))
   (ignore-errors (plankit-test--write))
   (message "plankit-eglot: %s" (error-message-string failure))
   (kill-emacs 1)))
